import { createApiApp } from "@/core/api/app.ts";
import type { ApiApp } from "@/core/api/context.ts";
import { startAuth } from "@/core/auth/mod.ts";
import { parseAuthEnv } from "@/core/config/auth.ts";
import { KvJobStatusStore } from "@/core/jobs/mod.ts";
import { honoRouteTemplate, labelRoute } from "@/core/obs/http_metrics.ts";
import { appServices } from "@/core/runtime/mod.ts";
import { define } from "../../utils.ts";

type Routed = { app: ApiApp; templateOf: (req: Request) => string };

let routed: Promise<Routed> | undefined;

// Built at the first request, not at import: main.ts starts the services after Fresh loads routes.
// Without services (the dev server, tests) there is no store, so every secured route answers 401.
async function buildApi(): Promise<Routed> {
  const services = appServices();
  const settings = parseAuthEnv(Deno.env.toObject());
  const auth = services === undefined ? undefined : await startAuth(services.store, settings);
  const app = createApiApp({
    broker: services?.broker,
    mode: services?.mode,
    store: services?.store,
    account: services && { id: services.accountId, label: services.label },
    report: services && { jobStatus: new KvJobStatusStore(services.store.kv) },
    auth,
    corsOrigins: settings.corsOrigins,
  });
  return { app, templateOf: honoRouteTemplate(app) };
}

/** Every method under `/api` goes to the Hono API app, labelled for metrics by its Hono route. */
export const handler = define.handlers(async (ctx) => {
  routed ??= buildApi().catch((error) => {
    routed = undefined;
    throw error;
  });
  const { app, templateOf } = await routed;
  labelRoute(ctx.req, templateOf(ctx.req));
  // The connection info becomes the Hono env, so login lockouts can key on the client address.
  return app.fetch(ctx.req, ctx.info);
});
