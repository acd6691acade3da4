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
  // KST has no daylight saving: every time of the day is its midnight plus an offset
  const midnight = kstInstant(date, 0).getTime();
  const pre = nxt ? nxtSessionSpan(date, "pre_market") : null;
  const after = nxt ? nxtSessionSpan(date, "after_market") : null;
  const open = midnight + session.open * 60_000;
  const continuousCount = stepsIn(open, midnight + session.closingAuction * 60_000);
  const preCount = pre ? stepsIn(midnight + pre[0], midnight + pre[1]) : 0;
  const afterCount = after ? stepsIn(midnight + after[0], midnight + after[1]) : 0;
  const times = new Float64Array(preCount + continuousCount + 1 + afterCount);
  let k = 0;
  for (let i = 0; i < preCount; i++) times[k++] = midnight + pre![0] + i * STEP_MS;
  for (let i = 0; i < continuousCount; i++) times[k++] = open + i * STEP_MS;
  times[k++] = midnight + session.close * 60_000;
  for (let i = 0; i < afterCount; i++) times[k++] = midnight + after![0] + i * STEP_MS;
  return {
    times,
    openingAuction: preCount,
    closingAuction: preCount + continuousCount,
  };
}

/** How many trades a step apart fit in [`from`, `to`), the first at `from`. */
function stepsIn(from: number, to: number): number {
  return Math.max(0, Math.ceil((to - from) / STEP_MS));
}

/** Nextrade's `phase` on `date` in ms after KST midnight (null where it does not hold one). */
function nxtSessionSpan(
  date: IsoDate,
  phase: "pre_market" | "after_market",
): readonly [number, number] | null {
  const span = nxtScheduleOn(date)[phase];
  return span === null ? null : [span[0] * 1000, span[1] * 1000];
}
