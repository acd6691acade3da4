import assert from "node:assert/strict";
import { parse, stringify } from "yaml";
import { PROJECT_ROOT } from "../e2e/_app_server.ts";
import { prometheusTestsEnabled, PROMTOOL_PATH } from "../obs/_prometheus.ts";

/** Grafana's variables, replaced by durations Prometheus accepts. */
const GRAFANA_VARIABLES: Record<string, string> = {
  "$__rate_interval": "1m",
  "$__interval": "15s",
  "$__range": "1h",
};

async function promtool(args: string[]): Promise<{ code: number; output: string }> {
  const result = await new Deno.Command(PROMTOOL_PATH, { args, stdout: "piped", stderr: "piped" })
    .output();
  const decode = (bytes: Uint8Array) => new TextDecoder().decode(bytes);
  return { code: result.code, output: decode(result.stdout) + decode(result.stderr) };
}

Deno.test({
  name: "promtool accepts deploy/prometheus/prometheus.yml with its token file in place",
  ignore: !prometheusTestsEnabled(),
  fn: async () => {
    const dir = await Deno.makeTempDir({ prefix: "yeouido-promtool-" });
    try {
      const config = parse(
        await Deno.readTextFile(`${PROJECT_ROOT}/deploy/prometheus/prometheus.yml`),
      );
      // compose mounts the token at /run/secrets; here a file of our own stands in for it.
      const scrape = config.scrape_configs[0];
      assert.equal(scrape.authorization.credentials_file, "/run/secrets/metrics_token");
      scrape.authorization.credentials_file = `${dir}/metrics_token`;
      await Deno.writeTextFile(`${dir}/metrics_token`, "a-scrape-token\n");
      await Deno.writeTextFile(`${dir}/prometheus.yml`, stringify(config));
      const check = await promtool(["check", "config", `${dir}/prometheus.yml`]);
      assert.equal(check.code, 0, check.output);
      assert.match(check.output, /SUCCESS/);
    } finally {
      await Deno.remove(dir, { recursive: true });
    }
  },
});

Deno.test({
  name: "promtool parses every dashboard query",
  ignore: !prometheusTestsEnabled(),
  fn: async () => {
    const dir = `${PROJECT_ROOT}/deploy/grafana/dashboards`;
    const rules: { record: string; expr: string }[] = [];
    for (const entry of Deno.readDirSync(dir)) {
      const dashboard = JSON.parse(await Deno.readTextFile(`${dir}/${entry.name}`));
      for (const panel of dashboard.panels) {
        for (const target of panel.targets ?? []) {
          let expr: string = target.expr;
          for (const [name, value] of Object.entries(GRAFANA_VARIABLES)) {
            expr = expr.replaceAll(name, value);
          }
          rules.push({ record: `dashboard:query${rules.length}`, expr });
        }
      }
    }
    assert.ok(rules.length >= 20);
    const file = await Deno.makeTempFile({ prefix: "yeouido-rules-", suffix: ".yml" });
    try {
      await Deno.writeTextFile(file, stringify({ groups: [{ name: "dashboards", rules }] }));
      const check = await promtool(["check", "rules", file]);
      assert.equal(check.code, 0, check.output);
      assert.match(check.output, new RegExp(`SUCCESS: ${rules.length} rules found`));
    } finally {
      await Deno.remove(file);
    }
  },
});
