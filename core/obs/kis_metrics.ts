/**
 * The KIS client's Prometheus series, and the sink that feeds them: an object with the shape of
 * `KisMetricsSink` (core/broker/kis/metrics_sink.ts), handed to `KisBroker` as `metrics`, so the
 * broker never imports a registry.
 * @module
 */
import { Counter, Gauge, Histogram, type Registry } from "prom-client";

/** Seconds a request waited for the rate budget: none while tokens last, up to seconds when spent. */
const RATE_WAIT_BUCKETS = [0.001, 0.01, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];
/** Seconds from a trade's own (whole-second) stamp to its arrival. */
const LAG_BUCKETS = [0.5, 1, 2, 3, 5, 10, 30, 60, 300];

/** What the KIS client reported last, for the detailed health (core/obs/health.ts). */
export interface KisClientState {
  /** Epoch ms the access token in use expires at; null before the first token. */
  readonly tokenExpiresAt: number | null;
  /** Whether the WebSocket is open; null when this process never opened one. */
  readonly wsConnected: boolean | null;
  readonly wsSubscriptions: number;
  readonly wsReconnects: number;
  /** The rate budget's requests a second; null before a broker was built with this sink. */
  readonly ratePerSecond: number | null;
}

/** The KIS sink's methods (structurally a `KisMetricsSink`) and the state they keep. */
export interface KisMetricsRecorder {
  /** What the client reported last. */
  state(): KisClientState;
  restRequest(trId: string, outcome: string): void;
  restRetry(trId: string, reason: string): void;
  tokenIssued(expiresAt: number): void;
  tokenInUse(expiresAt: number): void;
  socketOpened(reconnect: boolean): void;
  socketClosed(): void;
  rateLimit(perSecond: number): void;
  rateTaken(seconds: number): void;
  subscriptions(count: number): void;
  messageLag(seconds: number): void;
}

/**
 * Registers `kis_rest_requests_total{tr_id,outcome}`, `kis_rest_retries_total{tr_id,reason}`,
 * `kis_token_issued_total`, `kis_token_expiry_seconds`, `kis_ws_connected`,
 * `kis_ws_reconnects_total`, `kis_rate_budget_per_second`, `kis_rate_budget_wait_seconds`,
 * `kis_ws_subscriptions` and `kis_ws_message_lag_seconds` on `registry`, and returns the sink.
 */
export function registerKisMetrics(registry: Registry): KisMetricsRecorder {
  const registers = [registry];
  const requests = new Counter({
    name: "kis_rest_requests_total",
    help:
      "KIS REST requests finished (after retries), by tr_id and outcome (ok or error category).",
    labelNames: ["tr_id", "outcome"],
    registers,
  });
  const retries = new Counter({
    name: "kis_rest_retries_total",
    help: "KIS REST requests resent: reason rate (EGW00201/EGW00215) or server (5xx on a query).",
    labelNames: ["tr_id", "reason"],
    registers,
  });
  const issued = new Counter({
    name: "kis_token_issued_total",
    help: "KIS access tokens issued by this process.",
    registers,
  });
  let expiresAt: number | undefined;
  let wsConnected: boolean | null = null;
  let wsSubscriptions = 0;
  let wsReconnects = 0;
  let ratePerSecond: number | null = null;
  new Gauge({
    name: "kis_token_expiry_seconds",
    help: "Seconds until the KIS access token in use expires; absent before the first token.",
    registers,
    collect() {
      // KIS states expiry in wall time, so the seconds left are against the wall clock.
      if (expiresAt !== undefined) this.set((expiresAt - Date.now()) / 1000);
    },
  });
  const connected = new Gauge({
    name: "kis_ws_connected",
    help: "1 while the KIS WebSocket is open, 0 when lost or closed.",
    registers,
  });
  const reconnects = new Counter({
    name: "kis_ws_reconnects_total",
    help: "KIS WebSocket sessions reopened after a lost one.",
    registers,
  });
  const rateLimit = new Gauge({
    name: "kis_rate_budget_per_second",
    help: "Requests a second the app key's rate budget allows (REST calls and subscribes).",
    registers,
  });
  const rateWait = new Histogram({
    name: "kis_rate_budget_wait_seconds",
    help: "Time each request granted by the rate budget waited for it; the count is requests sent.",
    buckets: RATE_WAIT_BUCKETS,
    registers,
  });
  const subscriptions = new Gauge({
    name: "kis_ws_subscriptions",
    help: "Realtime registrations the KIS WebSocket holds (KIS allows 41 per app key).",
    registers,
  });
  const lag = new Histogram({
    name: "kis_ws_message_lag_seconds",
    help: "From a realtime trade's own time (whole seconds, KST) to its arrival.",
    buckets: LAG_BUCKETS,
    registers,
  });
  return {
    state: () => ({
      tokenExpiresAt: expiresAt ?? null,
      wsConnected,
      wsSubscriptions,
      wsReconnects,
      ratePerSecond,
    }),
    rateLimit: (perSecond) => {
      ratePerSecond = perSecond;
      rateLimit.set(perSecond);
    },
    rateTaken: (seconds) => rateWait.observe(seconds),
    subscriptions: (count) => {
      wsSubscriptions = count;
      subscriptions.set(count);
    },
    messageLag: (seconds) => lag.observe(seconds),
    restRequest: (trId, outcome) => requests.inc({ tr_id: trId, outcome }),
    restRetry: (trId, reason) => retries.inc({ tr_id: trId, reason }),
    tokenIssued: () => issued.inc(),
    tokenInUse: (at) => expiresAt = at,
    socketOpened: (reconnect) => {
      wsConnected = true;
      connected.set(1);
      if (reconnect) {
        wsReconnects++;
        reconnects.inc();
      }
    },
    socketClosed: () => {
      wsConnected = false;
      connected.set(0);
    },
  };
}
