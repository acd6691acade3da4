/**
 * The kill switch: one setting in the store that stops new orders in every process sharing it.
 * Order placement reads it and checks its versionstamp in the same atomic operation that writes
 * the intent, so no intent is written after the switch turned on; other processes see changes by
 * reading it ({@link watchKillSwitch}).
 * @module
 */
import { z } from "zod";
import { commitOrConflict, KEYS, retryOnConflict, type Store, whileKvBusy } from "../store/mod.ts";

/** The switch's state; `changedAt` epoch ms, `by` who flipped it. */
export interface KillSwitch {
  readonly on: boolean;
  readonly reason: string;
  readonly changedAt: number;
  readonly by: string;
}

/** The state when nothing was ever set: off. */
export const KILL_SWITCH_OFF: KillSwitch = { on: false, reason: "", changedAt: 0, by: "" };

const killSwitchSchema: z.ZodType<KillSwitch> = z.object({
  on: z.boolean(),
  reason: z.string(),
  changedAt: z.number().int(),
  by: z.string(),
});

/** The key of the switch. */
export const KILL_SWITCH_KEY: Deno.KvKey = KEYS.setting("kill_switch");

/** The switch as an entry: its state and the versionstamp an order's atomic write checks. */
export async function readKillSwitch(
  kv: Deno.Kv,
): Promise<{ readonly state: KillSwitch; readonly entry: Deno.KvEntryMaybe<unknown> }> {
  const entry = await whileKvBusy(() => kv.get(KILL_SWITCH_KEY));
  return { state: parseKillSwitch(entry.value), entry };
}

/** Turns the switch on or off, auditing the change. */
export async function setKillSwitch(
  store: Store,
  change: { readonly on: boolean; readonly reason: string; readonly by: string },
): Promise<KillSwitch> {
  const state: KillSwitch = { ...change, changedAt: store.now() };
  await retryOnConflict(async () => {
    const { entry, state: before } = await readKillSwitch(store.kv);
    const op = store.kv.atomic().check(entry).set(KILL_SWITCH_KEY, state);
    store.audit.appendTo(op, {
      kind: "config",
      action: change.on ? "kill_switch_on" : "kill_switch_off",
      subject: "kill_switch",
      data: { before: before.on, reason: change.reason, by: change.by },
    });
    await commitOrConflict(op, "kill switch");
  });
  return state;
}

/** How often {@link watchKillSwitch} reads the switch (ms): well inside the 1 s a flip must take. */
export const KILL_SWITCH_POLL_MS = 200;

/**
 * The switch's states as they change, starting with the current one; stop by breaking out of the
 * loop (or aborting `signal`). Intermediate states may be skipped, the latest never is.
 *
 * It reads the switch every `pollMs` rather than through `kv.watch`: on a KV file, `watch` does
 * not hear writes made by another process (Deno 2.9.6), and a flip must reach every process.
 * Orders never depend on it — each intent's write checks the switch itself.
 *
 * @example
 * for await (const state of watchKillSwitch(kv)) if (state.on) stopTrading();
 */
export async function* watchKillSwitch(
  kv: Deno.Kv,
  signal?: AbortSignal,
  pollMs: number = KILL_SWITCH_POLL_MS,
): AsyncGenerator<KillSwitch> {
  let seen: string | null | undefined;
  while (!signal?.aborted) {
    const { state, entry } = await readKillSwitch(kv);
    if (entry.versionstamp !== seen) {
      seen = entry.versionstamp;
      yield state;
    }
    await pause(pollMs, signal);
  }
}

function pause(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const done = () => {
      clearTimeout(timer);
      signal?.removeEventListener("abort", done);
      resolve();
    };
    const timer = setTimeout(done, ms);
    signal?.addEventListener("abort", done, { once: true });
  });
}

/** The switch's state from its stored value (null: never set, so off). */
export function parseKillSwitch(value: unknown): KillSwitch {
  return value === null ? KILL_SWITCH_OFF : killSwitchSchema.parse(value);
}
