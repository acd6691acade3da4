import { type Simulator, type SimulatorOptions, startSimulator } from "../../core/kis-sim/mod.ts";

/** 09:30 KST on Friday 2026-11-27, in the continuous session: where the tests' clocks start. */
export const OPEN_SESSION = new Date("2026-11-27T00:30:00Z");

/**
 * A simulator on loopback with a manual clock at `start` (default {@link OPEN_SESSION}) and no
 * server pings (tests drive every frame); `options` add to or override that.
 */
export function manualSimulator(
  options: SimulatorOptions & { readonly start?: Date } = {},
): Promise<Simulator> {
  const { start = OPEN_SESSION, ...rest } = options;
  return startSimulator({ clock: { mode: "manual", start }, pingIntervalMs: 0, ...rest });
}
