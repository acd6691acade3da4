/** The broker boundary: the `Broker` interface, its domain types and errors. */
export { BrokerError } from "./errors.ts";
export type { BrokerErrorCategory } from "./errors.ts";
export type * from "./types.ts";
