import assert from "node:assert/strict";
import { createMetrics } from "@/core/obs/metrics.ts";
import { parseMetricsEnv } from "@/core/config/metrics.ts";
import { isLoopback, serveMetrics } from "@/core/obs/metrics_endpoint.ts";
import { createApp } from "@/core/web/mod.ts";
import config from "@/fresh.config.ts";
import manifest from "@/fresh.gen.ts";

const from = (hostname: string): Deno.ServeHandlerInfo => ({
  remoteAddr: { transport: "tcp", hostname, port: 40000 },
  completed: Promise.resolve(),
});

const scrape = (headers: HeadersInit = {}) => new Request("http://localhost/metrics", { headers });

/** Each sample line of the text exposition: `name{label="value",...} number`. */
const SAMPLE_LINE =
  /^[a-zA-Z_:][a-zA-Z0-9_:]*(\{([a-zA-Z_][a-zA-Z0-9_]*="([^"\\]|\\.)*",?)*\})? (-?[0-9.e+-]+|NaN|[+-]Inf)$/;

Deno.test("/metrics with a token: 401 without it or with a wrong one, 200 with it", async () => {
  const { registry } = createMetrics();
  const access = parseMetricsEnv({ METRICS_TOKEN: "s3cret-token" });
  const remote = from("203.0.113.9");
  const denied = await serveMetrics(scrape(), remote, registry, access);
  assert.equal(denied.status, 401);
  assert.equal(denied.headers.get("www-authenticate"), 'Bearer realm="metrics"');
  await denied.body?.cancel();
  const wrong = await serveMetrics(
    scrape({ authorization: "Bearer s3cret-tokex" }),
    from("127.0.0.1"),
    registry,
    access,
  );
  assert.equal(wrong.status, 401, "loopback does not replace a configured token");
  await wrong.body?.cancel();
  const ok = await serveMetrics(
    scrape({ authorization: "Bearer s3cret-token" }),
    remote,
    registry,
    access,
  );
  assert.equal(ok.status, 200);
  assert.match(ok.headers.get("content-type") ?? "", /^text\/plain; version=0\.0\.4/);
  await ok.body?.cancel();
});

Deno.test("/metrics without a token answers loopback clients only", async () => {
  const { registry } = createMetrics();
  const access = parseMetricsEnv({ METRICS_TOKEN: "  " });
  assert.deepEqual(access, {});
  for (const host of ["127.0.0.1", "::1", "::ffff:127.0.0.1"]) {
    const res = await serveMetrics(scrape(), from(host), registry, access);
    assert.equal(res.status, 200, host);
    await res.body?.cancel();
  }
  const remote = await serveMetrics(scrape(), from("192.168.0.7"), registry, access);
  assert.equal(remote.status, 401);
  await remote.body?.cancel();
  assert.equal(isLoopback("128.0.0.1"), false);
  assert.equal(isLoopback("127.evil.example"), false);
});

Deno.test("the app serves /metrics in Prometheus text format, series included", async () => {
  const app = await createApp(manifest, config);
  await (await app.fetch(new Request("http://localhost/about"))).body?.cancel();
  // A request without server info counts as loopback; the route reads METRICS_TOKEN at import.
  const headers: HeadersInit = Deno.env.get("METRICS_TOKEN")
    ? { authorization: `Bearer ${Deno.env.get("METRICS_TOKEN")}` }
    : {};
  const res = await app.fetch(scrape(headers));
  assert.equal(res.status, 200);
  const text = await res.text();
  assert.match(text, /^# TYPE http_requests_total counter$/m);
  assert.match(text, /^http_requests_total\{route="\/about",method="GET",status="200"\} \d+$/m);
  assert.match(text, /^http_request_duration_seconds_bucket\{le="0\.005",route="\/about"/m);
  assert.match(text, /^process_resident_memory_bytes \d+$/m);
  for (const line of text.split("\n")) {
    if (line === "" || line.startsWith("# HELP ") || line.startsWith("# TYPE ")) continue;
    assert.match(line, SAMPLE_LINE);
  }
});
