/**
 * The web middleware that counts and times every request by route template, and the route label
 * rules: a page's label is its route pattern (`ctx.route`), an API request's is the Hono route it
 * reached (noted by the API app's {@link labelHonoRoute}), so two raw paths of one route share a
 * series and unknown paths all land on `unmatched`.
 * @module
 */
import type { MiddlewareHandler } from "hono";
import { matchedRoutes } from "hono/route";
import { HttpError, type Middleware } from "../web/define.ts";
import type { HttpMetrics } from "./metrics.ts";

/** Route label of a request no route answered (a 404 from the router or the API). */
export const UNMATCHED_ROUTE = "unmatched";

/** Route label of a file served from `static/` or the island bundles, before any route. */
export const STATIC_ROUTE = "static";

const METHODS = new Set(["GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"]);

const notedRoutes = new WeakMap<Request, string>();

/**
 * Names the route template that answers `req`, for a handler that routes further itself (the
 * Hono API under `/api`); the metrics middleware prefers it over `ctx.route`.
 */
export function labelRoute(req: Request, template: string): void {
  notedRoutes.set(req, template);
}

/**
 * A Hono middleware, first in the app, that notes the route template (`/api/v1/quotes/:symbol`)
 * the request reached with {@link labelRoute}, or `UNMATCHED_ROUTE` when only middlewares (`use`,
 * registered as `ALL`) match. It reads the match Hono made to dispatch the request, so the path
 * is not routed twice.
 * @example
 * ```ts
 * api.use(labelHonoRoute());
 * ```
 */
export function labelHonoRoute(): MiddlewareHandler {
  return (c, next) => {
    let template = UNMATCHED_ROUTE;
    for (const route of matchedRoutes(c)) if (route.method !== "ALL") template = route.path;
    labelRoute(c.req.raw, template);
    return next();
  };
}

/** The route label of a finished request: noted template, else the page route, else a fixed label. */
function routeLabel(req: Request, route: string | null, status: number): string {
  return notedRoutes.get(req) ?? route ?? (status === 404 ? UNMATCHED_ROUTE : STATIC_ROUTE);
}

/**
 * Records `http_requests_total`, `http_request_duration_seconds` and `http_requests_in_flight`
 * for every request below it; put it first in `fresh.config.ts` so it times the whole chain.
 * Duration ends when the response headers are ready, not when a streamed body finishes.
 * @example
 * ```ts
 * export default defineConfig({ middlewares: [httpMetrics(appMetrics.http), securityHeaders()] });
 * ```
 */
export function httpMetrics(metrics: HttpMetrics): Middleware {
  return async (ctx) => {
    const method = METHODS.has(ctx.req.method) ? ctx.req.method : "OTHER";
    const stopTimer = metrics.duration.startTimer();
    metrics.inFlight.inc();
    let status = 500;
    try {
      const response = await ctx.next();
      status = response.status;
      return response;
    } catch (error) {
      // The router answers an unmatched path by throwing HttpError(404) through the chain.
      if (error instanceof HttpError) status = error.status;
      throw error;
    } finally {
      metrics.inFlight.dec();
      const labels = { route: routeLabel(ctx.req, ctx.route, status), method, status };
      stopTimer(labels);
      metrics.requests.inc(labels);
    }
  };
}
