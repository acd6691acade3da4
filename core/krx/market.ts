/** A KRX market segment; it decides the sell-side tax rate. */
export type Market = "KOSPI" | "KOSDAQ" | "KONEX";

/** What is traded; ETFs and ETNs use their own tick size. */
export type InstrumentKind = "stock" | "etf" | "etn";
