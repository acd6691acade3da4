/**
 * How a failed broker call leaves what it was sending: refused, or unknown.
 * @module
 */
import { BrokerError } from "../broker/mod.ts";

/** What a failed broker call leaves: a refusal, or an outcome only reconciliation can tell. */
export type BrokerFailure =
  | { readonly status: "rejected"; readonly reason: string }
  | { readonly status: "unknown"; readonly error: string };

/**
 * The outcome of a broker call that threw: a refusal KIS (or the client, before sending) gave is
 * `rejected`; a server or network failure may have reached KIS, so it is `unknown`.
 */
export function failureChange(error: unknown): BrokerFailure {
  const message = error instanceof Error ? error.message : String(error);
  if (
    error instanceof BrokerError && error.category !== "server" && error.category !== "network"
  ) {
    return { status: "rejected", reason: `${error.category}: ${message}` };
  }
  return { status: "unknown", error: message };
}
