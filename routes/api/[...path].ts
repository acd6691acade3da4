import { createApiApp } from "@/core/api/app.ts";
import type { ApiApp } from "@/core/api/context.ts";
import { honoRouteTemplate, labelRoute } from "@/core/obs/http_metrics.ts";
import { appServices } from "@/core/runtime/mod.ts";
import { define } from "../../utils.ts";

let routed: { app: ApiApp; templateOf: (req: Request) => string } | undefined;

// Built at the first request, not at import: main.ts starts the broker after Fresh loads routes.
function apiApp(): { app: ApiApp; templateOf: (req: Request) => string } {
  if (routed === undefined) {
    const services = appServices();
    const app = createApiApp({
      broker: services?.broker,
      store: services?.store,
      mode: services?.mode,
    });
    routed = { app, templateOf: honoRouteTemplate(app) };
  }
  return routed;
}

/** Every method under `/api` goes to the Hono API app, labelled for metrics by its Hono route. */
export const handler = define.handlers((ctx) => {
  const { app, templateOf } = apiApp();
  labelRoute(ctx.req, templateOf(ctx.req));
  return app.fetch(ctx.req);
});
