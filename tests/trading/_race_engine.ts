/**
 * One of the engines the two-engine test runs side by side on one KV file: it opens the store,
 * waits for the common start instant, then places every intent of its list through its own
 * journal, several in flight at once, for a number of rounds, reconciling between rounds. Each
 * answer prints `placed <key> <journal id> <status>`; the last line is `done`.
 *
 * Env: `RACE_KV_PATH`, `RACE_SIM` (JSON `CrashSim`), `RACE_ORDERS` (JSON `OrderIntent[]`),
 * `RACE_START_AT` (wall epoch ms), `RACE_ROUNDS`, `RACE_IN_FLIGHT`.
 * @module
 */
import type { OrderIntent } from "../../core/trading/mod.ts";
import type { CrashSim } from "../_support/shared_sim.ts";
import { env, openEngine, say } from "./_engine_rig.ts";

async function main(): Promise<void> {
  const sim: CrashSim = JSON.parse(env("RACE_SIM"));
  const intents: OrderIntent[] = JSON.parse(env("RACE_ORDERS"));
  const rounds = Number(env("RACE_ROUNDS"));
  const inFlight = Number(env("RACE_IN_FLIGHT"));
  using engine = await openEngine(sim, env("RACE_KV_PATH"));
  const { broker, journal } = engine;
  // both engines leave the gate at the same instant, so their first attempts at a key collide
  await new Promise((resolve) =>
    setTimeout(resolve, Math.max(0, Number(env("RACE_START_AT")) - Date.now()))
  );
  for (let round = 0; round < rounds; round++) {
    let next = 0;
    const worker = async () => {
      while (next < intents.length) {
        const intent = intents[next++]!;
        const order = await journal.placeOrder(intent);
        say(`placed ${intent.idempotencyKey} ${order.id} ${order.status}`);
      }
    };
    await Promise.all(Array.from({ length: inFlight }, worker));
    await journal.reconcile();
  }
  await broker.close();
  say("done");
}

if (import.meta.main) await main();
