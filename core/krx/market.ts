import type { IsoDate } from "./date.ts";

/** A KRX market segment; it decides the sell-side tax rate, and KONEX its narrower price limits. */
export type Market = "KOSPI" | "KOSDAQ" | "KONEX";

/** What is traded; ETFs and ETNs use their own tick size and pay no sell tax. */
export type InstrumentKind = "stock" | "etf" | "etn";

/**
 * Which instrument, market and day a price rule is asked about. Every field is optional and
 * defaults to a KOSPI/KOSDAQ stock under the rules in force today.
 */
export interface InstrumentContext {
  /** Stock, ETF or ETN; default `stock`. */
  readonly instrument?: InstrumentKind;
  /** Market segment; default `KOSPI`. */
  readonly market?: Market;
  /** Trading day whose rules apply; default: the rules in force today. */
  readonly date?: IsoDate;
}
