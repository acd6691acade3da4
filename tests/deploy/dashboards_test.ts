import assert from "node:assert/strict";
import { parse } from "yaml";
import { TR_IDS } from "@/core/broker/kis/env.ts";
import { createMetrics } from "@/core/obs/metrics.ts";
import { PROJECT_ROOT } from "../e2e/_app_server.ts";
import { seriesNames } from "./_promql.ts";

interface Panel {
  readonly id: number;
  readonly type: string;
  readonly title: string;
  readonly description?: string;
  readonly gridPos: { x: number; y: number; w: number; h: number };
  readonly datasource?: { type: string; uid: string };
  readonly targets?: { refId: string; expr: string; datasource?: { uid: string } }[];
}

interface Dashboard {
  readonly uid: string;
  readonly title: string;
  readonly panels: Panel[];
}

const DASHBOARD_DIR = `${PROJECT_ROOT}/deploy/grafana/dashboards`;

/** Series Prometheus writes itself for every scrape target, not exported by the app. */
const SCRAPE_SERIES = new Set(["up", "scrape_duration_seconds", "scrape_samples_scraped"]);

function dashboards(): Map<string, Dashboard> {
  const out = new Map<string, Dashboard>();
  for (const entry of Deno.readDirSync(DASHBOARD_DIR)) {
    out.set(entry.name, JSON.parse(Deno.readTextFileSync(`${DASHBOARD_DIR}/${entry.name}`)));
  }
  return out;
}

/** Every series name the app's registry exposes, histograms with their three suffixes. */
async function exportedSeries(): Promise<Set<string>> {
  const metrics = await createMetrics().registry.getMetricsAsJSON();
  return new Set(
    metrics.flatMap(({ name, type }) =>
      String(type) === "histogram" ? [`${name}_bucket`, `${name}_sum`, `${name}_count`] : [name]
    ),
  );
}

const queries = (dashboard: Dashboard) =>
  dashboard.panels.flatMap((panel) => (panel.targets ?? []).map((t) => ({ panel, expr: t.expr })));

Deno.test("the PromQL scanner finds series names and nothing else", () => {
  assert.deepEqual(
    seriesNames(
      'histogram_quantile(0.95, sum by (le, route) (rate(x_bucket{route!~"a|b"}[$__rate_interval])))',
    ),
    ["x_bucket"],
  );
  assert.deepEqual(seriesNames("sum(rate(a_total[5m])) / sum(rate(b_total[5m])) * 1e3"), [
    "a_total",
    "b_total",
  ]);
  assert.deepEqual(seriesNames('up{job="yeouido"} == 1 and on (instance) c offset 5m'), [
    "up",
    "c",
  ]);
  assert.throws(() => seriesNames("rat(a[5m])"), /unknown function rat/);
});

Deno.test("dashboards: each parses, has a unique uid, and lays out its panels", () => {
  const all = dashboards();
  assert.deepEqual([...all.keys()].sort(), [
    "api.json",
    "jobs.json",
    "kis.json",
    "system.json",
    "trading.json",
  ]);
  const uids = [...all.values()].map((d) => d.uid);
  assert.equal(new Set(uids).size, uids.length);
  for (const [file, dashboard] of all) {
    assert.ok(dashboard.panels.length > 0, file);
    const ids = dashboard.panels.map((p) => p.id);
    assert.equal(new Set(ids).size, ids.length, `${file}: panel ids are unique`);
    for (const { title, gridPos, description } of dashboard.panels) {
      assert.ok(gridPos.x + gridPos.w <= 24, `${file}: ${title} fits the 24-column grid`);
      assert.ok(description && description.length > 20, `${file}: ${title} says what it shows`);
    }
  }
});

Deno.test("dashboards: every query names only series the app exports", async () => {
  const exported = await exportedSeries();
  assert.ok(exported.has("http_request_duration_seconds_bucket"), "histograms have buckets");
  const unknown: string[] = [];
  let count = 0;
  for (const [file, dashboard] of dashboards()) {
    for (const { panel, expr } of queries(dashboard)) {
      count++;
      const names = seriesNames(expr);
      assert.ok(names.length > 0, `${file}: ${panel.title} reads some series`);
      for (const name of names) {
        if (!exported.has(name) && !SCRAPE_SERIES.has(name)) {
          unknown.push(`${file}: ${panel.title}: ${name}`);
        }
      }
    }
  }
  assert.ok(count >= 20, `${count} queries`);
  assert.deepEqual(unknown, []);
});

Deno.test("dashboards: every panel queries the provisioned Prometheus data source", () => {
  const provisioned = parse(
    Deno.readTextFileSync(`${PROJECT_ROOT}/deploy/grafana/provisioning/datasources/prometheus.yml`),
  ).datasources as { uid: string; type: string }[];
  assert.equal(provisioned.length, 1);
  const { uid, type } = provisioned[0]!;
  for (const [file, dashboard] of dashboards()) {
    for (const panel of dashboard.panels.filter((p) => p.targets)) {
      assert.deepEqual(panel.datasource, { type, uid }, `${file}: ${panel.title}`);
      for (const target of panel.targets!) assert.equal(target.datasource?.uid, uid);
    }
  }
});

Deno.test("dashboards: the trading panels match exactly the order tr_ids of the KIS table", () => {
  const trading = dashboards().get("trading.json")!;
  const ids = new Set(
    queries(trading).flatMap(({ expr }) =>
      [...expr.matchAll(/tr_id=~"([^"]+)"/g)].flatMap((m) => m[1]!.split("|"))
    ),
  );
  const orderTrs = [TR_IDS.orderBuy, TR_IDS.orderSell, TR_IDS.reviseCancel]
    .flatMap((entry) => [entry.real, entry.vts]);
  assert.deepEqual([...ids].sort(), orderTrs.sort());
});

Deno.test("docs/observability.md describes every panel by its title", () => {
  const doc = Deno.readTextFileSync(`${PROJECT_ROOT}/docs/observability.md`);
  const missing = [...dashboards().values()].flatMap((d) => d.panels.map((p) => p.title))
    .filter((title) => !doc.includes(`**${title}**`));
  assert.deepEqual(missing, []);
});
