/**
 * What the KIS client reports for metrics, as a sink passed in (default: nothing), so the client
 * depends on no metrics library; `core/obs/kis_metrics.ts` is the Prometheus implementation.
 * @module
 */
import type { BrokerErrorCategory } from "../errors.ts";

/** How one REST request ended after its retries: `ok`, or the category of the error thrown. */
export type KisRestOutcome = "ok" | BrokerErrorCategory | "unknown";

/** Why a REST request was sent again: a rate refusal (EGW00201/EGW00215) or a server error on a query. */
export type KisRetryReason = "rate" | "server";

/** Receives the KIS client's events; every method must be cheap and must not throw. */
export interface KisMetricsSink {
  /** One `send` finished. `trId` comes from the client's tr_id table, so the set is bounded. */
  restRequest(trId: string, outcome: KisRestOutcome): void;
  /** A request is about to be resent after a backoff. */
  restRetry(trId: string, reason: KisRetryReason): void;
  /** This process issued a new access token expiring at `expiresAt` (epoch ms). */
  tokenIssued(expiresAt: number): void;
  /** The access token in use expires at `expiresAt` (epoch ms), whoever issued it. */
  tokenInUse(expiresAt: number): void;
  /** The WebSocket opened; `reconnect` when an earlier session of this client was lost. */
  socketOpened(reconnect: boolean): void;
  /** The WebSocket was lost or closed. */
  socketClosed(): void;
  /** The app key's rate budget allows `perSecond` requests a second (REST calls and subscribes). */
  rateLimit(perSecond: number): void;
  /** One request was granted by the rate budget after waiting `seconds` (0 when tokens were left). */
  rateTaken(seconds: number): void;
  /** The WebSocket now holds `count` realtime registrations (KIS allows 41). */
  subscriptions(count: number): void;
  /** A realtime trade arrived `seconds` after its own time (KIS stamps whole seconds, KST). */
  messageLag(seconds: number): void;
}

/** The default sink: reports nothing. */
export const NO_KIS_METRICS: KisMetricsSink = {
  restRequest() {},
  restRetry() {},
  tokenIssued() {},
  tokenInUse() {},
  socketOpened() {},
  socketClosed() {},
  rateLimit() {},
  rateTaken() {},
  subscriptions() {},
  messageLag() {},
};
