/**
 * A trade price the caller saw moments before placing an order (the trade that fired an alert),
 * offered to the journal's risk snapshot instead of a quote for the one order whose checks need
 * nothing else of the quote: a market sell, valued at the last price.
 * @module
 */
import { BALANCE_READING_MAX_AGE_MS } from "./balance_reading.ts";

/** A traded price, integer KRW, and the store-clock instant (epoch ms) it was seen at. */
export interface PriceReading {
  readonly price: number;
  readonly readAt: number;
}

/**
 * Whether `reading` was seen within the same second as a balance reading may be
 * ({@link BALANCE_READING_MAX_AGE_MS}) before `at`, and is a price.
 */
export function isFreshPrice(reading: PriceReading, at: number): boolean {
  const age = at - reading.readAt;
  return Number.isInteger(reading.price) && reading.price > 0 && age >= 0 &&
    age <= BALANCE_READING_MAX_AGE_MS;
}
