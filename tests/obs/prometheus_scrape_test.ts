import assert from "node:assert/strict";
import { startAppServer } from "../e2e/_app_server.ts";
import {
  type PrometheusServer,
  prometheusTestsEnabled,
  PROMTOOL_PATH,
  queryPrometheus,
  type QuerySample,
  startPrometheus,
} from "./_prometheus.ts";

const TOKEN = "scrape-test-token";

/** Asks Prometheus every 500 ms, at most 60 times, until `query` returns something. */
async function waitForSeries(server: PrometheusServer, query: string): Promise<QuerySample[]> {
  for (let attempt = 0; attempt < 60; attempt++) {
    const result = await queryPrometheus(server, query);
    if (result.length > 0) return result;
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
  throw new Error(`no series for ${query} after 30 s; prometheus said:\n${server.logs.join("")}`);
}

Deno.test({
  name: "a real Prometheus scrapes /metrics with the token and sees route-template series",
  ignore: !prometheusTestsEnabled(),
  fn: async (t) => {
    const app = await startAppServer({ METRICS_TOKEN: TOKEN });
    let prometheus: PrometheusServer | undefined;
    try {
      for (const path of ["/about", "/api/v1/health/live", "/api/v1/health/live", "/api/v1/nope"]) {
        await (await fetch(app.url + path)).body?.cancel();
      }
      const denied = await fetch(`${app.url}/metrics`);
      assert.equal(denied.status, 401, "the app asks for the token even from loopback");
      await denied.body?.cancel();

      prometheus = await startPrometheus({
        address: new URL(app.url).host,
        metricsPath: "/metrics",
        bearerToken: TOKEN,
      });
      const server = prometheus;

      await t.step("the scrape target is up", async () => {
        const [up] = await waitForSeries(server, 'up{job="yeouido"} == 1');
        assert.equal(up?.value[1], "1");
      });

      await t.step("the request counter carries the API route template", async () => {
        const [health] = await waitForSeries(
          server,
          'http_requests_total{route="/api/v1/health/live",method="GET",status="200"}',
        );
        assert.equal(health?.value[1], "2");
        const [unmatched] = await waitForSeries(
          server,
          'http_requests_total{route="unmatched",status="404"}',
        );
        assert.equal(unmatched?.value[1], "1");
      });

      await t.step("the duration histogram and process series arrive too", async () => {
        const [p99] = await waitForSeries(
          server,
          'histogram_quantile(0.99, sum by (le) (http_request_duration_seconds_bucket{route="/about"}))',
        );
        assert.ok(Number(p99?.value[1]) > 0);
        const [rss] = await waitForSeries(server, "process_resident_memory_bytes");
        assert.ok(Number(rss?.value[1]) > 1e6);
        const scrapes = await waitForSeries(server, 'http_requests_total{route="/metrics"}');
        assert.ok(Number(scrapes[0]?.value[1]) >= 1, "the scrapes themselves are counted");
      });

      await t.step("promtool check metrics accepts a scrape", async () => {
        const res = await fetch(`${app.url}/metrics`, {
          headers: { authorization: `Bearer ${TOKEN}` },
        });
        const check = new Deno.Command(PROMTOOL_PATH, {
          args: ["check", "metrics"],
          stdin: "piped",
          stdout: "piped",
          stderr: "piped",
        }).spawn();
        await res.body!.pipeTo(check.stdin);
        const { code, stdout, stderr } = await check.output();
        const said = new TextDecoder().decode(stdout) + new TextDecoder().decode(stderr);
        assert.equal(code, 0, said);
      });
    } finally {
      await prometheus?.stop();
      await app.stop();
    }
  },
});
