/**
 * The worker role's HTTP answer: no pages and no API, only liveness at `/api/v1/health/live` (the
 * same path and body as the web role's) and the Prometheus metrics at `/metrics`.
 * @module
 */
import { appMetrics } from "../obs/metrics.ts";
import { type MetricsAccess, serveMetrics } from "../obs/metrics_endpoint.ts";
import { VERSION } from "../version.ts";
import type { StreamRole } from "./stream_lease.ts";

/**
 * The worker's request handler; `access` is who may scrape (`METRICS_TOKEN`,
 * docs/observability.md), and `stream` says whether this worker holds the realtime stream or
 * stands by (liveness reports it: a standby worker is alive).
 */
export function workerHandler(
  access: MetricsAccess,
  stream: () => StreamRole | undefined = () => undefined,
): (req: Request, info: Deno.ServeHandlerInfo) => Response | Promise<Response> {
  return (req, info) => {
    const { pathname } = new URL(req.url);
    if (req.method === "GET" && pathname === "/api/v1/health/live") {
      return Response.json({ status: "ok", version: VERSION, role: "worker", stream: stream() });
    }
    if (req.method === "GET" && pathname === "/metrics") {
      return serveMetrics(req, info, appMetrics.registry, access);
    }
    return Response.json(
      { error: { code: "not_found", message: "the worker serves no pages or API" } },
      { status: 404 },
    );
  };
}
