/**
 * The API as a separate process on a KV file, for the order crash test: a real KisBroker to the
 * simulator, the fixed trader principal, `Deno.serve` on a loopback port it prints as
 * `listening <port>`. `API_PAUSE_AT` stops it at one point of an order's placement, printing
 * `paused <point>`, so the parent can SIGKILL it exactly there.
 *
 * Env: `API_KV_PATH`, `API_SIM` (JSON {@link CrashSim}), `API_HORIZON_MS`, `API_PAUSE_AT`
 * (optional: `after_intent`, before the broker is called; `after_ack`, after it answered).
 * @module
 */
import type { Broker } from "@/core/broker/mod.ts";
import { openStore } from "@/core/store/mod.ts";
import { brokerOn, type CrashSim } from "../_support/shared_sim.ts";
import { apiAs } from "./_api.ts";

const encoder = new TextEncoder();

/** Writes one line straight to the pipe, so it is there even if a kill follows at once. */
function say(line: string): void {
  Deno.stdout.writeSync(encoder.encode(`${line}\n`));
}

async function main(): Promise<void> {
  const env = (name: string) => {
    const value = Deno.env.get(name);
    if (value === undefined) throw new Error(`${name} is not set`);
    return value;
  };
  const sim: CrashSim = JSON.parse(env("API_SIM"));
  const pauseAt = Deno.env.get("API_PAUSE_AT");
  const pause = async (point: string) => {
    if (point !== pauseAt) return;
    say(`paused ${point}`);
    // the parent kills the process here; the timer only bounds a parent that never does
    await new Promise((resolve) => setTimeout(resolve, 30_000));
    throw new Error(`paused at ${point} and never killed`);
  };
  const now = () => Date.now() + sim.offsetMs;
  const store = await openStore({ path: env("API_KV_PATH"), now });
  const broker = brokerOn(sim, store.kv, 200);
  // the real broker, with the pause points around the order call itself
  const paused: Broker = new Proxy(broker, {
    get(target, property) {
      if (property === "placeOrder") {
        return async (request: Parameters<Broker["placeOrder"]>[0]) => {
          await pause("after_intent");
          const ack = await target.placeOrder(request);
          await pause("after_ack");
          return ack;
        };
      }
      const value = Reflect.get(target, property, target);
      return typeof value === "function" ? value.bind(target) : value;
    },
  });
  const app = apiAs("trader", {
    store,
    broker: paused,
    account: { id: sim.account, label: "모의 시장" },
    reconcile: { horizonMs: Number(env("API_HORIZON_MS")) },
  });
  Deno.serve({
    hostname: "127.0.0.1",
    port: 0,
    onListen: ({ port }) => say(`listening ${port}`),
  }, app.fetch);
}

if (import.meta.main) await main();
