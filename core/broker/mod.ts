/** The broker boundary: the `Broker` interface, its domain types and errors. */
export type { Broker } from "./broker.ts";
export { BrokerError } from "./errors.ts";
export type { BrokerErrorCategory } from "./errors.ts";
export type * from "./types.ts";
