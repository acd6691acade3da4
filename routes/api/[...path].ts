import { define } from "../../utils.ts";
import { routedApi } from "../(_components)/api.ts";

/** Every method under `/api` goes to the Hono API app, which labels it for metrics by its route. */
export const handler = define.handlers(async (ctx) => {
  const app = await routedApi();
  // The connection info becomes the Hono env, so login lockouts can key on the client address.
  return app.fetch(ctx.req, ctx.info);
});
