import { appServices } from "@/core/runtime/mod.ts";
import type { Context } from "@/core/web/mod.ts";
import { colorsCookie, colorsFromQuery } from "@/core/web/colors.ts";
import { langCookie, langFromQuery } from "@/core/web/i18n/mod.ts";
import { csrfCookie } from "./(_components)/api.ts";
import { loadSession, localPath, loginUrl } from "./(_components)/session.ts";

/**
 * The sign-in gate, then remembering a language chosen with `?lang=` and a colour convention chosen
 * with `?colors=` (the footer's toggles) in their cookies, also on the gate's redirects.
 */
export async function handler(ctx: Context): Promise<Response> {
  const lang = langFromQuery(ctx.url);
  const colors = colorsFromQuery(ctx.url);
  const response = await requireSignIn(ctx);
  if (!lang && !colors) return response;
  // a copy: some responses (redirects) have immutable headers
  const headers = new Headers(response.headers);
  if (lang) headers.append("set-cookie", langCookie(lang));
  if (colors) headers.append("set-cookie", colorsCookie(colors));
  return new Response(response.body, {
    status: response.status,
    statusText: response.statusText,
    headers,
  });
}

/** Paths anyone may open: the sign-in page, the API (which checks for itself) and the metrics. */
function isPublic(path: string): boolean {
  return path === "/login" || path === "/metrics" || path === "/api" || path.startsWith("/api/");
}

/**
 * Lets only signed-in users see the dashboard. A browser whose access cookie ran out but that still
 * holds a session's CSRF cookie is sent to renew it first (the refresh cookie is only sent to the
 * auth routes); any other is sent to sign in, and back here afterwards. The dev server, which runs
 * no services, has nothing to protect and only says so.
 */
async function requireSignIn(ctx: Context): Promise<Response> {
  const services = appServices();
  if (services === undefined || isPublic(ctx.url.pathname)) return await ctx.next();
  const session = await loadSession(ctx, services.store);
  if (session !== null) {
    ctx.state.session = session;
    return await ctx.next();
  }
  const here = localPath(`${ctx.url.pathname}${ctx.url.search}`);
  const target = csrfCookie(ctx.req) === undefined
    ? loginUrl(here)
    : `/api/v1/auth/browser/resume?${new URLSearchParams({ next: here })}`;
  return ctx.redirect(target, 303);
}
