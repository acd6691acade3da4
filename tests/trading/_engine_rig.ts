import { openStore, type Store } from "../../core/store/mod.ts";
import { OrderJournal } from "../../core/trading/mod.ts";
import type { KisBroker } from "../../core/broker/kis/mod.ts";
import { brokerOn, type CrashSim } from "../_support/shared_sim.ts";
import { CRASH_LIMITS } from "./_crash_engine.ts";

const encoder = new TextEncoder();

/** Writes one line straight to stdout, so the parent has it even if the process dies next. */
export function say(line: string): void {
  Deno.stdout.writeSync(encoder.encode(`${line}\n`));
}

/** The environment variable `name`; throws when it is not set. */
export function env(name: string): string {
  const value = Deno.env.get(name);
  if (value === undefined) throw new Error(`${name} is not set`);
  return value;
}

/** What an engine subprocess trades with: its store on the KV file, a broker and a journal. */
export interface EngineRig extends Disposable {
  readonly store: Store;
  readonly broker: KisBroker;
  readonly journal: OrderJournal;
}

/**
 * Opens an engine on the KV file `path` against the simulator `sim` (over loopback), its clock
 * following the simulator's; the journal's log lines go to stderr.
 */
export async function openEngine(sim: CrashSim, path: string): Promise<EngineRig> {
  const now = () => Date.now() + sim.offsetMs;
  const store = await openStore({ path, now });
  const broker = brokerOn(sim, store.kv, 500);
  const journal = new OrderJournal({
    store,
    broker,
    accountId: sim.account,
    limits: CRASH_LIMITS,
    log: (level, message, fields) => {
      Deno.stderr.writeSync(encoder.encode(`${level} ${message} ${JSON.stringify(fields)}\n`));
    },
  });
  return { store, broker, journal, [Symbol.dispose]: () => store.close() };
}
