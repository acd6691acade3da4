import type { Context } from "@/core/web/mod.ts";
import { langCookie, langFromQuery } from "@/core/web/i18n/mod.ts";

/** Remembers a language chosen with `?lang=` (the footer's toggle) in the `lang` cookie. */
export async function handler(ctx: Context): Promise<Response> {
  const lang = langFromQuery(ctx.url);
  const response = await ctx.next();
  if (!lang) return response;
  // a copy: some responses (redirects) have immutable headers
  const headers = new Headers(response.headers);
  headers.append("set-cookie", langCookie(lang));
  return new Response(response.body, {
    status: response.status,
    statusText: response.statusText,
    headers,
  });
}
