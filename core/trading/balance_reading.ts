/**
 * A balance the caller read moments before placing an order, offered to the journal's risk
 * snapshot so one order does not read the account twice (an alert's exit reads the position to
 * size its sell, then the journal would read the same balance again).
 * @module
 */
import type { Balance } from "../broker/mod.ts";

/** The account's balance and the store-clock instant (epoch ms) it was read at. */
export interface BalanceReading {
  readonly balance: Balance;
  readonly readAt: number;
}

/**
 * The oldest a reading may be for the risk snapshot to use it instead of reading the account. A
 * reading is always a little behind KIS (the journal's own read is too, by the time the order
 * leaves); a second is the same instant for the position and equity the checks use.
 */
export const BALANCE_READING_MAX_AGE_MS = 1_000;

/** Whether `reading` was taken within {@link BALANCE_READING_MAX_AGE_MS} before `at`. */
export function isFresh(reading: BalanceReading, at: number): boolean {
  const age = at - reading.readAt;
  return age >= 0 && age <= BALANCE_READING_MAX_AGE_MS;
}
