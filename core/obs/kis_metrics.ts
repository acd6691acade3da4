/**
 * The KIS client's Prometheus series, and the sink that feeds them: an object with the shape of
 * `KisMetricsSink` (core/broker/kis/metrics_sink.ts), handed to `KisBroker` as `metrics`, so the
 * broker never imports a registry.
 * @module
 */
import { Counter, Gauge, type Registry } from "prom-client";

/** The KIS sink's methods; structurally a `KisMetricsSink`. */
export interface KisMetricsRecorder {
  restRequest(trId: string, outcome: string): void;
  restRetry(trId: string, reason: string): void;
  tokenIssued(expiresAt: number): void;
  tokenInUse(expiresAt: number): void;
  socketOpened(reconnect: boolean): void;
  socketClosed(): void;
}

/**
 * Registers `kis_rest_requests_total{tr_id,outcome}`, `kis_rest_retries_total{tr_id,reason}`,
 * `kis_token_issued_total`, `kis_token_expiry_seconds`, `kis_ws_connected` and
 * `kis_ws_reconnects_total` on `registry`, and returns the sink.
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
  return {
    restRequest: (trId, outcome) => requests.inc({ tr_id: trId, outcome }),
    restRetry: (trId, reason) => retries.inc({ tr_id: trId, reason }),
    tokenIssued: () => issued.inc(),
    tokenInUse: (at) => expiresAt = at,
    socketOpened: (reconnect) => {
      connected.set(1);
      if (reconnect) reconnects.inc();
    },
    socketClosed: () => connected.set(0),
  };
}
