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
import { KisBroker } from "../../core/broker/kis/mod.ts";
import { openStore } from "../../core/store/mod.ts";
import { type OrderIntent, OrderJournal } from "../../core/trading/mod.ts";
import { CRASH_LIMITS, type CrashSim } from "./_crash_engine.ts";

const encoder = new TextEncoder();

function say(line: string): void {
  Deno.stdout.writeSync(encoder.encode(`${line}\n`));
}

function env(name: string): string {
  const value = Deno.env.get(name);
  if (value === undefined) throw new Error(`${name} is not set`);
  return value;
}

async function main(): Promise<void> {
  const sim: CrashSim = JSON.parse(env("RACE_SIM"));
  const intents: OrderIntent[] = JSON.parse(env("RACE_ORDERS"));
  const rounds = Number(env("RACE_ROUNDS"));
  const inFlight = Number(env("RACE_IN_FLIGHT"));
  const now = () => Date.now() + sim.offsetMs;
  using store = await openStore({ path: env("RACE_KV_PATH"), now });
  const broker = new KisBroker({
    env: sim.env,
    credentials: { appKey: sim.appKey, appSecret: sim.appSecret },
    account: sim.account,
    kv: store.kv,
    restUrl: sim.restUrl,
    wsUrl: sim.wsUrl,
    clock: { now, sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)) },
    requestsPerSecond: 500,
  });
  const journal = new OrderJournal({
    store,
    broker,
    accountId: sim.account,
    limits: CRASH_LIMITS,
    log: (level, message, fields) => {
      Deno.stderr.writeSync(encoder.encode(`${level} ${message} ${JSON.stringify(fields)}\n`));
    },
  });
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
