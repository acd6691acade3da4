import { appMetrics } from "@/core/obs/metrics.ts";
import { metricsAccessFromEnv, serveMetrics } from "@/core/obs/metrics_endpoint.ts";
import { define } from "../utils.ts";

const access = metricsAccessFromEnv(Deno.env.toObject());

/** Prometheus scrapes the app's metrics here (docs/observability.md). */
export const handler = define.handlers({
  GET: (ctx) => serveMetrics(ctx.req, ctx.info, appMetrics.registry, access),
});
