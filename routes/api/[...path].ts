import { labelRoute } from "@/core/obs/http_metrics.ts";
import { define } from "../../utils.ts";
import { routedApi } from "../(_components)/api.ts";

/** Every method under `/api` goes to the Hono API app, labelled for metrics by its Hono route. */
export const handler = define.handlers(async (ctx) => {
  const { app, templateOf } = await routedApi();
  labelRoute(ctx.req, templateOf(ctx.req));
  // The connection info becomes the Hono env, so login lockouts can key on the client address.
  return app.fetch(ctx.req, ctx.info);
});
