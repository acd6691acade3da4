import assert from "node:assert/strict";
import { BrokerError } from "@/core/broker/mod.ts";
import { KIS_ENVS, KisBroker } from "@/core/broker/kis/mod.ts";
import { assertLiveTradingAllowed, reachesRealAccount } from "@/core/broker/kis/live_trading.ts";
import { parseSymbolCode } from "@/core/krx/mod.ts";

Deno.test("reachesRealAccount() is true only for env real on a non-loopback host", () => {
  assert.equal(reachesRealAccount("real", KIS_ENVS.real.restUrl), true);
  assert.equal(reachesRealAccount("real", "https://proxy.example.com:9443"), true);
  assert.equal(reachesRealAccount("vts", KIS_ENVS.vts.restUrl), false);
  assert.equal(reachesRealAccount("real", "http://127.0.0.1:9443"), false);
  assert.equal(reachesRealAccount("real", "http://127.5.6.7:9443"), false);
  assert.equal(reachesRealAccount("real", "http://localhost:9443"), false);
  assert.equal(reachesRealAccount("real", "http://[::1]:9443"), false);
});

Deno.test("assertLiveTradingAllowed() refuses real-account orders until the switch is on", () => {
  assert.throws(
    () => assertLiveTradingAllowed("real", KIS_ENVS.real.restUrl, false),
    (error: unknown) =>
      error instanceof BrokerError && error.category === "live_trading_off" &&
      /KIS_LIVE_TRADING=1/.test(error.message),
  );
  assert.doesNotThrow(() => assertLiveTradingAllowed("real", KIS_ENVS.real.restUrl, true));
  assert.doesNotThrow(() => assertLiveTradingAllowed("vts", KIS_ENVS.vts.restUrl, false));
});

Deno.test("KisBroker refuses a real-account order with the switch off, before any request", async () => {
  using kv = await Deno.openKv(":memory:");
  const broker = new KisBroker({
    env: "real",
    credentials: { appKey: "app", appSecret: "secret" },
    account: "12345678-01",
    kv,
    // Unresolvable on purpose: a request would fail as "network", not "live_trading_off".
    restUrl: "https://kis.invalid:9443",
  });
  await assert.rejects(
    broker.placeOrder({
      side: "buy",
      symbol: parseSymbolCode("005930"),
      type: "market",
      quantity: 1,
    }),
    (error: unknown) => error instanceof BrokerError && error.category === "live_trading_off",
  );
});
