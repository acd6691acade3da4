import assert from "node:assert/strict";
import { createApiApp } from "@/core/api/app.ts";
import type { Clock } from "@/core/broker/kis/mod.ts";
import { parseIsoDate, parseSymbolCode } from "@/core/krx/mod.ts";
import { startE2e } from "../broker/kis/_e2e.ts";
import { expectError, fieldsOf, signedInAs } from "./_api.ts";

const SAMSUNG = parseSymbolCode("005930");

Deno.test("quotes through a real KisBroker against the simulator", async (t) => {
  await using e2e = await startE2e();
  const { sim, broker } = e2e;
  const app = createApiApp({ authenticate: signedInAs("viewer"), broker, env: () => ({}) });
  // The client's backoff sleeps are skipped so that exhausting its retries takes no real time.
  const instant: Clock = { now: () => e2e.clock.now(), sleep: () => Promise.resolve() };

  await t.step("a quote is 200 with the simulator's price", async () => {
    const res = await app.request("/api/v1/quotes/005930");
    assert.equal(res.status, 200);
    const quote = await res.json();
    assert.equal(quote.symbol, "005930");
    assert.equal(quote.price, sim.market.price(SAMSUNG));
  });
  await t.step("a chart is the broker's daily bars for the range", async () => {
    const res = await app.request("/api/v1/quotes/005930/chart?from=2026-11-02&to=20261127");
    assert.equal(res.status, 200);
    const body = await res.json();
    const expected = await broker.getDailyBars(SAMSUNG, {
      from: parseIsoDate("2026-11-02"),
      to: parseIsoDate("2026-11-27"),
    });
    assert.ok(expected.length > 0);
    assert.deepEqual(body, { symbol: "005930", bars: JSON.parse(JSON.stringify(expected)) });
  });
  await t.step("readiness reports the wired broker", async () => {
    const ready = await (await app.request("/api/v1/health/ready")).json();
    assert.equal(ready.checks.broker, "ok");
  });
  await t.step("a symbol the broker does not know is 404 invalid_symbol", async () => {
    const error = await expectError(await app.request("/api/v1/quotes/999999"), 404);
    assert.equal(error.code, "invalid_symbol");
  });
  await t.step("a symbol that is not a KRX code is 400 naming it", async () => {
    const error = await expectError(await app.request("/api/v1/quotes/SAMSUNG"), 400);
    assert.deepEqual(fieldsOf(error), ["path.symbol"]);
  });
  await t.step("chart queries: missing, malformed, unknown, reversed", async () => {
    const missing = await expectError(await app.request("/api/v1/quotes/005930/chart"), 400);
    assert.deepEqual(fieldsOf(missing).sort(), ["query.from", "query.to"]);
    const malformed = await expectError(
      await app.request("/api/v1/quotes/005930/chart?from=2026-13-01&to=2026-11-27"),
      400,
    );
    assert.deepEqual(fieldsOf(malformed), ["query.from"]);
    const unknown = await expectError(
      await app.request("/api/v1/quotes/005930/chart?from=2026-11-02&to=2026-11-27&period=W"),
      400,
    );
    assert.deepEqual(fieldsOf(unknown), ["query.period"]);
    const reversed = await expectError(
      await app.request("/api/v1/quotes/005930/chart?from=2026-11-27&to=2026-11-02"),
      400,
    );
    assert.deepEqual(fieldsOf(reversed), ["query.from"]);
  });
  await t.step("the broker's rate limit past its retries is 429 with Retry-After", async () => {
    const api = createApiApp({
      authenticate: signedInAs("viewer"),
      broker: e2e.newBroker({ clock: instant }),
    });
    sim.faults.inject({ kind: "rateLimit", count: 20 });
    const res = await api.request("/api/v1/quotes/005930");
    assert.equal(res.headers.get("retry-after"), "1");
    assert.equal((await expectError(res, 429)).code, "rate");
    sim.faults.clear();
  });
  await t.step("the broker's server errors past its retries are 502", async () => {
    const api = createApiApp({
      authenticate: signedInAs("viewer"),
      broker: e2e.newBroker({ clock: instant }),
    });
    sim.faults.inject({ kind: "http500", count: 20 });
    assert.equal(
      (await expectError(await api.request("/api/v1/quotes/005930"), 502)).code,
      "server",
    );
    sim.faults.clear();
  });
  await t.step("a broker that cannot be reached is 503", async () => {
    const closed = Deno.listen({ hostname: "127.0.0.1", port: 0 });
    const url = `http://127.0.0.1:${(closed.addr as Deno.NetAddr).port}`;
    closed.close();
    const api = createApiApp({
      authenticate: signedInAs("viewer"),
      broker: e2e.newBroker({ clock: instant, restUrl: url }),
    });
    const error = await expectError(await api.request("/api/v1/quotes/005930"), 503);
    assert.equal(error.code, "network");
  });
});

Deno.test("quotes and charts without a broker are 503 broker_unavailable", async () => {
  const api = createApiApp({ authenticate: signedInAs("viewer") });
  for (
    const path of [
      "/api/v1/quotes/005930",
      "/api/v1/quotes/005930/chart?from=2026-11-02&to=2026-11-27",
    ]
  ) {
    const error = await expectError(await api.request(path), 503);
    assert.equal(error.code, "broker_unavailable", path);
    assert.equal(error.message, "no broker is configured", path);
  }
});
