/**
 * A cron registrar on the simulator's manual clock: the test moves the clock minute by minute and
 * every registered cron whose UTC expression matches the minute reached runs to its end, in the
 * order the engine registered them, before the clock moves on.
 * @module
 */
import {
  type CronFields,
  cronMatches,
  type CronRegistrar,
  parseCronExpression,
} from "../../core/jobs/mod.ts";
import type { SimClock } from "../../core/kis-sim/mod.ts";

const MINUTE_MS = 60_000;

/** One firing: the cron's name and the minute it fired at (epoch ms). */
export interface Firing {
  readonly name: string;
  readonly at: number;
}

/** The registrar and the stepping that fires it. */
export interface SteppedCron {
  /** Registers like `Deno.cron(name, expression, handler)`. */
  readonly cron: CronRegistrar;
  /** Every firing so far, oldest first. */
  readonly fired: readonly Firing[];
  /**
   * Moves the clock one minute at a time up to `instant` (a whole minute after the clock); at
   * each minute `settle` runs first (the test lets the trade stream catch up), then every cron
   * matching the minute, each awaited.
   */
  advanceTo(instant: Date, settle?: () => Promise<void>): Promise<void>;
}

/** A {@link SteppedCron} on `clock`, which must stand on a whole minute. */
export function steppedCron(clock: SimClock): SteppedCron {
  const crons: { name: string; fields: CronFields; handler: () => Promise<void> }[] = [];
  const fired: Firing[] = [];
  return {
    cron(name, expression, handler) {
      crons.push({ name, fields: parseCronExpression(expression), handler });
    },
    fired,
    async advanceTo(instant, settle) {
      const target = instant.getTime();
      if (target % MINUTE_MS !== 0 || target <= clock.now().getTime()) {
        throw new RangeError(`${instant.toISOString()} is not a whole minute after the clock`);
      }
      for (let at = clock.now().getTime() + MINUTE_MS; at <= target; at += MINUTE_MS) {
        clock.set(new Date(at));
        await settle?.();
        for (const { name, fields, handler } of crons) {
          if (!cronMatches(fields, new Date(at))) continue;
          fired.push({ name, at });
          await handler();
        }
      }
    },
  };
}
