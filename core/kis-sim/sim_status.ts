import { kstDateTime, type SessionPhase } from "../krx/mod.ts";
import type { ClockMode, SimClock } from "./clock.ts";

/** The label every screen showing the simulator's prices, orders or fills carries. */
export const SIMULATED_LABEL = "모의 시장";

/** What a UI shows about a running simulator: that it is simulated, and its clock. */
export interface SimStatus {
  /** Always {@link SIMULATED_LABEL}: nothing the simulator shows is real. */
  readonly label: typeof SIMULATED_LABEL;
  readonly mode: ClockMode;
  /** Simulated milliseconds per wall millisecond. */
  readonly speed: number;
  /** The simulated instant. */
  readonly now: Date;
  /** The KRX phase at `now`. */
  readonly phase: SessionPhase;
  /** One line for a banner, e.g. `모의 시장 · 시뮬레이션 시각 2026-11-27 09:03:15 KST`. */
  readonly caption: string;
}

/** The status of a simulator whose clock is `clock` and whose market is in `phase`. */
export function simStatus(clock: SimClock, phase: SessionPhase): SimStatus {
  const now = clock.now();
  return {
    label: SIMULATED_LABEL,
    mode: clock.mode,
    speed: clock.speed,
    now,
    phase,
    caption: `${SIMULATED_LABEL} · 시뮬레이션 시각 ${kstDateTime(now)} KST`,
  };
}
