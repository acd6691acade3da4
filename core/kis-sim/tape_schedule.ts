import { type IsoDate, kstInstant, nxtScheduleOn, sessionTimesOn } from "../krx/mod.ts";

/** Simulated milliseconds between two trades of a symbol in a continuous session. */
const STEP_MS = 5_000;

/**
 * When a day's trades of a symbol happen: epoch milliseconds in ascending order, with the index
 * of KRX's opening-auction print (the events before it are Nextrade's pre-market) and of its
 * closing-auction print (the events after it are Nextrade's after-market).
 */
export interface TapeTimes {
  readonly times: Float64Array;
  readonly openingAuction: number;
  readonly closingAuction: number;
}

/**
 * The trade times of `date` (a trading day) from `core/krx`'s schedules: KRX's opening auction at
 * the day's open, a trade every {@link STEP_MS} until the closing auction, its print at the close
 * (10:00 instead of 09:00 on the year's first trading day and the exam day, and 16:30 instead of
 * 15:30 on the exam day); for a symbol Nextrade lists (`nxt`), a trade every step through
 * Nextrade's pre- and after-market. Nextrade's main market shares KRX's continuous trades.
 */
export function tapeTimes(date: IsoDate, nxt: boolean): TapeTimes {
  const session = sessionTimesOn(date);
  const at = (minute: number) => kstInstant(date, 0, minute).getTime();
  const pre = nxt ? nxtSessionTimes(date, "pre_market") : [];
  const krx: number[] = [];
  for (let t = at(session.open); t < at(session.closingAuction); t += STEP_MS) krx.push(t);
  krx.push(at(session.close));
  const after = nxt ? nxtSessionTimes(date, "after_market") : [];
  return {
    times: Float64Array.from([...pre, ...krx, ...after]),
    openingAuction: pre.length,
    closingAuction: pre.length + krx.length - 1,
  };
}

/** A trade every step through Nextrade's `phase` on `date` (none where it does not hold one). */
function nxtSessionTimes(date: IsoDate, phase: "pre_market" | "after_market"): number[] {
  const span = nxtScheduleOn(date)[phase];
  if (span === null) return [];
  const midnight = kstInstant(date, 0).getTime();
  const times: number[] = [];
  for (let t = span[0] * 1000; t < span[1] * 1000; t += STEP_MS) times.push(midnight + t);
  return times;
}
