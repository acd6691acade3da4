/** The broker boundary: the `Broker` interface, its domain types and errors. */
export { BrokerError } from "./errors.ts";
export type { BrokerErrorCategory } from "./errors.ts";
export type * from "./types.ts";
export { BALANCE_MAX_AGE_MS, type RecentBalance, recentBalance } from "./recent_balance.ts";
