import { createApiApp } from "@/core/api/app.ts";
import { define } from "../../utils.ts";

const api = createApiApp();

/** Every method under `/api` goes to the Hono API app. */
export const handler = define.handlers((ctx) => api.fetch(ctx.req));
