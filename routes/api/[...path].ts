import { createApiApp } from "@/core/api/app.ts";
import { honoRouteTemplate, labelRoute } from "@/core/obs/http_metrics.ts";
import { define } from "../../utils.ts";

const api = createApiApp();
const templateOf = honoRouteTemplate(api);

/** Every method under `/api` goes to the Hono API app, labelled for metrics by its Hono route. */
export const handler = define.handlers((ctx) => {
  labelRoute(ctx.req, templateOf(ctx.req));
  return api.fetch(ctx.req);
});
