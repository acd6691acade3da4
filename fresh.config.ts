/**
 * The web layer's configuration (Fresh's `fresh.config.ts`): static folder and the middlewares that
 * run before every route, in Fresh 2's `(ctx) => Response` shape.
 * @module
 */
import { httpMetrics } from "@/core/obs/http_metrics.ts";
import { appMetrics } from "@/core/obs/metrics.ts";
import { defineConfig, securityHeaders } from "@/core/web/mod.ts";

export default defineConfig({
  staticDir: "static",
  // Metrics first, so they time everything after them.
  middlewares: [httpMetrics(appMetrics.http), securityHeaders()],
});
