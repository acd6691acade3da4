import assert from "node:assert/strict";
import { createApiApp } from "@/core/api/app.ts";
import { brokerApiError } from "@/core/api/errors.ts";
import { BrokerError, type BrokerErrorCategory } from "@/core/broker/errors.ts";
import type { Broker } from "@/core/broker/types.ts";
import { expectError, signedInAs } from "./_api.ts";

Deno.test("every failure answers in the one error shape", async (t) => {
  const app = createApiApp();
  await t.step("an unknown route is 404", async () => {
    const error = await expectError(await app.request("/api/v1/nothing/here"), 404);
    assert.equal(error.code, "not_found");
    assert.match(error.message, /GET \/api\/v1\/nothing\/here/);
  });
  await t.step("a known path with the wrong method is 405 with Allow", async () => {
    const res = await app.request("/api/v1/backtests", { method: "GET" });
    assert.equal(res.headers.get("allow"), "POST");
    assert.equal((await expectError(res, 405)).code, "method_not_allowed");
    const del = await app.request("/api/v1/strategies/rsi", { method: "DELETE" });
    assert.equal(del.headers.get("allow"), "GET, HEAD");
    await expectError(del, 405);
  });
  await t.step("an unexpected failure is 500 with the request id and no stack", async () => {
    // A stand-in broker: a bug that is nobody's input is the one thing the real parts never do.
    const broken = { getQuote: () => Promise.reject(new TypeError("x is undefined")) };
    const api = createApiApp({
      broker: broken as unknown as Broker,
      authenticate: signedInAs("viewer"),
    });
    const res = await api.request("/api/v1/quotes/005930", {
      headers: { "X-Request-Id": "req-500" },
    });
    const error = await expectError(res, 500);
    assert.equal(error.code, "internal");
    assert.equal(error.requestId, "req-500");
    assert.doesNotMatch(JSON.stringify(error), /x is undefined|at /);
  });
});

Deno.test("broker failures map to statuses a caller can act on", () => {
  const expected: Record<BrokerErrorCategory, [number, string | null]> = {
    invalid_symbol: [404, null],
    invalid_order: [422, null],
    insufficient_cash: [422, null],
    market_closed: [409, null],
    live_trading_off: [409, null],
    rate: [429, "1"],
    auth: [502, null],
    server: [502, null],
    network: [503, null],
  };
  for (const [category, [status, retryAfter]] of Object.entries(expected)) {
    const error = brokerApiError(new BrokerError(category as BrokerErrorCategory, "why"));
    assert.equal(error.status, status, category);
    assert.equal(error.code, category);
    assert.equal(error.headers["Retry-After"] ?? null, retryAfter, category);
  }
});
