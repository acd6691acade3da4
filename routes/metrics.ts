import { appMetrics } from "@/core/obs/metrics.ts";
import { serveMetrics } from "@/core/obs/metrics_endpoint.ts";
import { appConfig } from "@/core/runtime/mod.ts";
import { define } from "../utils.ts";

/** Prometheus scrapes the app's metrics here (docs/observability.md). */
export const handler = define.handlers({
  GET: (ctx) => serveMetrics(ctx.req, ctx.info, appMetrics.registry, appConfig().metrics),
});
