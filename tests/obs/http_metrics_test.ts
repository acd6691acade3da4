import assert from "node:assert/strict";
import { httpMetrics, STATIC_ROUTE, UNMATCHED_ROUTE } from "@/core/obs/http_metrics.ts";
import { createMetrics, HTTP_DURATION_BUCKETS } from "@/core/obs/metrics.ts";
import { createApp } from "@/core/web/mod.ts";
import manifest from "@/fresh.gen.ts";
import { loadFixtureManifest } from "../web/_fixture.ts";

type Sample = { labels: Record<string, string | number>; value: number; metricName?: string };

async function samples(metrics: ReturnType<typeof createMetrics>, name: string) {
  const metric = metrics.registry.getSingleMetric(name);
  assert.ok(metric, `${name} is registered`);
  return (await metric.get()).values as Sample[];
}

async function requestCounts(metrics: ReturnType<typeof createMetrics>) {
  return Object.fromEntries(
    (await samples(metrics, "http_requests_total")).map((s) => [
      `${s.labels.method} ${s.labels.route} ${s.labels.status}`,
      s.value,
    ]),
  );
}

Deno.test("the HTTP series have their names, labels and buckets", async () => {
  const metrics = createMetrics();
  const app = await createApp(manifest, { middlewares: [httpMetrics(metrics.http)] });
  await (await app.fetch(new Request("http://localhost/about"))).body?.cancel();
  const [count] = await samples(metrics, "http_requests_total");
  assert.deepEqual(count?.labels, { route: "/about", method: "GET", status: 200 });
  assert.equal(count?.value, 1);
  const buckets = (await samples(metrics, "http_request_duration_seconds"))
    .filter((s) => s.metricName === "http_request_duration_seconds_bucket")
    .map((s) => s.labels.le);
  assert.deepEqual(buckets, [...HTTP_DURATION_BUCKETS, "+Inf"]);
  const names = (await metrics.registry.getMetricsAsJSON()).map((m) => m.name).sort();
  for (
    const name of [
      "http_request_duration_seconds",
      "http_requests_in_flight",
      "http_requests_total",
      "kis_rest_requests_total",
      "kis_rest_retries_total",
      "kis_token_expiry_seconds",
      "kis_token_issued_total",
      "process_event_loop_lag_seconds",
      "process_heap_total_bytes",
      "process_heap_used_bytes",
      "process_resident_memory_bytes",
    ]
  ) assert.ok(names.includes(name), name);
});

Deno.test("requests are labelled by route template, never by raw path", async (t) => {
  await t.step("two paths of one page route share its pattern", async () => {
    const metrics = createMetrics();
    const app = await createApp(await loadFixtureManifest(), {
      middlewares: [httpMetrics(metrics.http)],
    });
    for (const path of ["/docs/a", "/docs/b/c", "/no/such/page"]) {
      await (await app.fetch(new Request(`http://localhost${path}`))).body?.cancel();
    }
    assert.deepEqual(await requestCounts(metrics), {
      "GET /docs/:rest* 200": 2,
      [`GET ${UNMATCHED_ROUTE} 404`]: 1,
    });
  });

  await t.step("API requests carry their Hono route; unknown API paths are unmatched", async () => {
    const metrics = createMetrics();
    const app = await createApp(manifest, { middlewares: [httpMetrics(metrics.http)] });
    for (const path of ["/api/v1/health/live", "/api/v1/health/live", "/api/v1/nope", "/api/x/y"]) {
      await (await app.fetch(new Request(`http://localhost${path}`))).body?.cancel();
    }
    assert.deepEqual(await requestCounts(metrics), {
      "GET /api/v1/health/live 200": 2,
      [`GET ${UNMATCHED_ROUTE} 404`]: 2,
    });
  });

  await t.step("a Hono route with a parameter is one template for every symbol", async () => {
    const metrics = createMetrics();
    const app = await createApp(manifest, { middlewares: [httpMetrics(metrics.http)] });
    const requests: [string, string][] = [
      ["GET", "/api/v1/quotes/005930"],
      ["GET", "/api/v1/quotes/000660"],
      ["HEAD", "/api/v1/quotes/000660"],
      ["POST", "/api/v1/orders"],
      ["DELETE", "/api/v1/quotes/005930"],
    ];
    for (const [method, path] of requests) {
      await (await app.fetch(new Request(`http://localhost${path}`, { method }))).body?.cancel();
    }
    // Without a store every secured route answers 401; a method no route has is 405, unmatched.
    assert.deepEqual(await requestCounts(metrics), {
      "GET /api/v1/quotes/:symbol 401": 2,
      "HEAD /api/v1/quotes/:symbol 401": 1,
      "POST /api/v1/orders 401": 1,
      [`DELETE ${UNMATCHED_ROUTE} 405`]: 1,
    });
  });

  await t.step("files served before any route are labelled static", async () => {
    const metrics = createMetrics();
    const app = await createApp(manifest, { middlewares: [httpMetrics(metrics.http)] });
    const [file] = [...Deno.readDirSync(new URL("../../static", import.meta.url))]
      .filter((entry) => entry.isFile);
    assert.ok(file, "static/ holds a file");
    const res = await app.fetch(new Request(`http://localhost/${file.name}`));
    await res.body?.cancel();
    assert.deepEqual(await requestCounts(metrics), { [`GET ${STATIC_ROUTE} 200`]: 1 });
  });
});

Deno.test("the in-flight gauge counts requests being handled and returns to 0", async () => {
  const metrics = createMetrics();
  const inFlight = async () => (await samples(metrics, "http_requests_in_flight"))[0]?.value;
  let release!: () => void;
  const released = new Promise<void>((resolve) => release = resolve);
  let seen: number | undefined;
  const app = await createApp(manifest, {
    middlewares: [httpMetrics(metrics.http), async (ctx) => {
      seen = await inFlight();
      await released;
      return ctx.next();
    }],
  });
  const pending = app.fetch(new Request("http://localhost/about"));
  await new Promise((resolve) => setTimeout(resolve, 0));
  assert.equal(seen, 1);
  release();
  await (await pending).body?.cancel();
  assert.equal(await inFlight(), 0);
  await (await app.fetch(new Request("http://localhost/nowhere"))).body?.cancel();
  assert.equal(await inFlight(), 0, "a 404 thrown through the chain also ends the request");
});
