/**
 * The engine the crash test kills: a separate process that does what a restarted trading engine
 * does with a fixed list of orders. It opens the store on a KV file, reconciles whatever the
 * journal holds, places every order whose key has no attempt yet or whose attempt was resolved
 * `not_sent`, and reconciles again until no intent is left open. Each step prints one line the
 * parent uses to pick its kill moments; `CRASH_PAUSE_AT` makes it stop at one named point so the
 * parent can kill it exactly there.
 *
 * Env: `CRASH_KV_PATH`, `CRASH_SIM` (JSON {@link CrashSim}), `CRASH_ORDERS` (JSON `OrderIntent[]`),
 * `CRASH_HORIZON_MS`, `CRASH_PAUSE_AT` (optional {@link PausePoint}).
 * @module
 */
import type { Broker } from "../../core/broker/mod.ts";
import { openStore } from "../../core/store/mod.ts";
import { brokerOn, type CrashSim } from "../_support/shared_sim.ts";
import { type OrderIntent, OrderJournal, type RiskLimits } from "../../core/trading/mod.ts";

/** Where the engine can be told to stop and wait for its kill. */
export type PausePoint = "before_intent" | "after_intent" | "after_ack" | "after_record";

/** Limits no order of the test reaches, so only the journal's own logic decides. */
export const CRASH_LIMITS: RiskLimits = {
  maxOrderKrw: 1_000_000_000,
  maxDailyKrw: 100_000_000_000,
  maxPositionWeightBps: 10_000,
  maxOpenOrders: 1_000,
};

const encoder = new TextEncoder();

/** Writes one progress line straight to the pipe, so it is there even if a kill follows at once. */
function say(line: string): void {
  Deno.stdout.writeSync(encoder.encode(`${line}\n`));
}

async function main(): Promise<void> {
  const env = (name: string) => {
    const value = Deno.env.get(name);
    if (value === undefined) throw new Error(`${name} is not set`);
    return value;
  };
  const sim: CrashSim = JSON.parse(env("CRASH_SIM"));
  const intents: OrderIntent[] = JSON.parse(env("CRASH_ORDERS"));
  const horizonMs = Number(env("CRASH_HORIZON_MS"));
  const pauseAt = Deno.env.get("CRASH_PAUSE_AT");
  const pause = async (point: PausePoint, key: string) => {
    if (point !== pauseAt) return;
    say(`paused ${point} ${key}`);
    // the parent kills the engine here; the timer only bounds a parent that never does
    await new Promise((resolve) => setTimeout(resolve, 30_000));
    throw new Error(`paused at ${point} and never killed`);
  };

  say("started");
  const now = () => Date.now() + sim.offsetMs;
  using store = await openStore({ path: env("CRASH_KV_PATH"), now });
  const broker = brokerOn(sim, store.kv, 200);
  let placing = "";
  // the real broker with the progress lines and pause points around the order call itself
  const observed: Broker = new Proxy(broker, {
    get(target, property) {
      if (property === "placeOrder") {
        return async (request: Parameters<Broker["placeOrder"]>[0]) => {
          await pause("after_intent", placing);
          say(`sending ${placing}`);
          const ack = await target.placeOrder(request);
          say(`acked ${placing}`);
          await pause("after_ack", placing);
          return ack;
        };
      }
      const value = Reflect.get(target, property, target);
      return typeof value === "function" ? value.bind(target) : value;
    },
  });
  const journal = new OrderJournal({
    store,
    broker: observed,
    accountId: sim.account,
    limits: CRASH_LIMITS,
    // the journal's warnings and errors go to stderr, which the test shows when a run fails
    log: (level, message, fields) => {
      Deno.stderr.writeSync(encoder.encode(`${level} ${message} ${JSON.stringify(fields)}\n`));
    },
  });

  await journal.reconcile({ horizonMs });
  say("reconciled");
  for (;;) {
    let open = 0;
    for (const intent of intents) {
      const current = await journal.byIdempotencyKey(intent.idempotencyKey);
      if (current?.status === "intent" || current?.status === "unknown") open++;
      if (current !== null && current.status !== "not_sent") continue;
      placing = intent.idempotencyKey;
      await pause("before_intent", placing);
      say(`placing ${placing}`);
      const order = await journal.placeOrder(intent);
      say(`recorded ${placing} ${order.status}`);
      await pause("after_record", placing);
      if (order.status === "intent" || order.status === "unknown") open++;
    }
    if (open === 0) break;
    // an intent is only resolved once its horizon has passed; look again shortly
    await new Promise((resolve) => setTimeout(resolve, 50));
    await journal.reconcile({ horizonMs });
    say("reconciled");
  }
  await broker.close();
  say("done");
}

if (import.meta.main) await main();
