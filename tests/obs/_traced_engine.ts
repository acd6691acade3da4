/**
 * Run as a child process with `OTEL_DENO=true`: the engine on the simulator runs its alert sweep
 * once with one alert already crossed, so the test reading the exported spans sees a `job.run`
 * span parenting the `alert.sweep` span and its `alert.trigger`. Prints the trigger's result.
 * @module
 */
import { AlertRepository } from "@/core/alerts/repository.ts";
import { startEngine, TradingDesk } from "@/core/engine/mod.ts";
import { parseSymbolCode } from "@/core/krx/mod.ts";
import { openStore } from "@/core/store/mod.ts";
import { startE2e } from "../broker/kis/_e2e.ts";

await using e2e = await startE2e({ seed: 1, rateLimit: false }, { requestsPerSecond: 200 });
const store = await openStore({ path: ":memory:", now: () => e2e.sim.clock.now().getTime() });
const log = () => {};
const accountId = e2e.sim.credentials.account;
const desk = new TradingDesk({ store, broker: e2e.broker, accountId, log });
const engine = startEngine({
  store,
  broker: e2e.broker,
  desk,
  notify: () => Promise.resolve(),
  cron: () => {},
  log,
});
await new AlertRepository(store).create({
  account: accountId,
  symbol: parseSymbolCode("005930"),
  rule: { kind: "price_above", price: 1 },
});
await engine.run("alert-sweep");
const [trigger] = await new AlertRepository(store).allActive();
// deno-lint-ignore no-console -- the parent test reads the outcome from stdout
console.log(trigger === undefined ? "fired" : "still active");
await engine.close();
store.close();
