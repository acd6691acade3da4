/**
 * The engine the kill-switch test flips the switch under: it places one small order after another
 * through its journal (key `ks-<n>`), printing `placed <key>` or `refused <key> <codes>` for each,
 * and prints `saw <epoch ms> <how>` the first moment it sees the switch on: through a refusal of
 * its own journal (`order`), or through reading the switch every {@link POLL_MS} (`poll`).
 * `kv.watch` is no way to see it: on a KV file it hears only writes of its own process. After
 * three refusals it prints `done` and exits.
 *
 * Env: `KS_KV_PATH`, `KS_SIM` (JSON `CrashSim`), `KS_PRICE` (the limit price of its buys).
 * @module
 */
import { parseSymbolCode } from "../../core/krx/mod.ts";
import { readKillSwitch, RiskRejected } from "../../core/trading/mod.ts";
import type { CrashSim } from "../_support/shared_sim.ts";
import { env, openEngine, say } from "./_engine_rig.ts";

const symbol = parseSymbolCode("005930");
/** How often the engine reads the switch besides its orders' own reads. */
export const POLL_MS = 5;

async function main(): Promise<void> {
  const sim: CrashSim = JSON.parse(env("KS_SIM"));
  const price = Number(env("KS_PRICE"));
  using engine = await openEngine(sim, env("KS_KV_PATH"));
  const { store, broker, journal } = engine;
  let seen = false;
  const see = (how: string) => {
    if (seen) return;
    seen = true;
    say(`saw ${performance.timeOrigin + performance.now()} ${how}`);
  };
  const poller = (async () => {
    while (!seen) {
      if ((await readKillSwitch(store.kv)).state.on) see("poll");
      else await new Promise((resolve) => setTimeout(resolve, POLL_MS));
    }
  })();
  say("started");
  let refused = 0;
  for (let n = 0; refused < 3; n++) {
    const idempotencyKey = `ks-${n}`;
    try {
      await journal.placeOrder({
        idempotencyKey,
        order: { type: "limit", side: "buy", symbol, quantity: 1, price },
      });
      say(`placed ${idempotencyKey}`);
    } catch (error) {
      if (!(error instanceof RiskRejected)) throw error;
      const codes = error.rejections.map((r) => r.code).join(",");
      say(`refused ${idempotencyKey} ${codes}`);
      see("order");
      refused++;
    }
  }
  await poller;
  await broker.close();
  say("done");
}

if (import.meta.main) await main();
