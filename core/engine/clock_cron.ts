/**
 * A `Deno.cron` stand-in that fires on another clock's minutes: the demo's simulated market runs
 * its trading days back to back whatever the wall-clock hour, so its jobs follow simulated KST
 * rather than the wall clock `Deno.cron` reads.
 * @module
 */
import {
  type CronFields,
  cronMatches,
  type CronRegistrar,
  parseCronExpression,
} from "../jobs/mod.ts";

/** Minutes looked back after a pause (a slow tick, a day boundary), so a burst stays small. */
const MAX_CATCH_UP_MINUTES = 5;
const MINUTE_MS = 60_000;

/** A registrar whose crons fire when {@link ClockCron.tick} finds their minute on the clock. */
export interface ClockCron {
  /** Registers like `Deno.cron(name, expression, handler)`. */
  readonly cron: CronRegistrar;
  /**
   * Fires every registered handler whose expression matches a minute of the clock reached since
   * the last tick (the current minute on the first tick), without waiting for the handlers.
   */
  tick(): void;
  /** Ticks every `intervalMs` of wall time until {@link stop}. */
  start(intervalMs?: number): void;
  /** Stops ticking; registered handlers are not called again. */
  stop(): void;
}

/**
 * A registrar on `now` (epoch ms). Handlers must not throw (`registerJobs`' handlers never do).
 * @example
 * const demo = clockCron(() => simulator.clock.now().getTime());
 * registerJobs(jobs, { cron: demo.cron, status, now });
 * demo.start();
 */
export function clockCron(now: () => number): ClockCron {
  const crons: { fields: CronFields; handler: () => Promise<void> }[] = [];
  const names = new Set<string>();
  let last: number | undefined;
  let timer: ReturnType<typeof setInterval> | undefined;
  let stopped = false;
  const tick = () => {
    if (stopped) return;
    const minute = Math.floor(now() / MINUTE_MS);
    const from = Math.max(last === undefined ? minute : last + 1, minute - MAX_CATCH_UP_MINUTES);
    last = minute;
    for (let m = from; m <= minute; m++) {
      const instant = new Date(m * MINUTE_MS);
      for (const { fields, handler } of crons) if (cronMatches(fields, instant)) void handler();
    }
  };
  return {
    cron(name, expression, handler) {
      if (names.has(name)) throw new TypeError(`cron "${name}" is already registered`);
      names.add(name);
      crons.push({ fields: parseCronExpression(expression), handler });
    },
    tick,
    start(intervalMs = 1_000) {
      if (timer === undefined && !stopped) timer = setInterval(tick, intervalMs);
    },
    stop() {
      stopped = true;
      clearInterval(timer);
    },
  };
}
