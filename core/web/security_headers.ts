/**
 * A middleware that adds the usual security headers to every response, in the shape of Fresh 2's
 * own middlewares (`(ctx) => Response`).
 * @module
 */
import type { Middleware } from "./define.ts";

/** The headers and values sent when a response does not set its own. */
export const SECURITY_HEADERS: Readonly<Record<string, string>> = {
  "cross-origin-opener-policy": "same-origin",
  "cross-origin-resource-policy": "same-origin",
  "origin-agent-cluster": "?1",
  "referrer-policy": "no-referrer",
  "strict-transport-security": "max-age=15552000; includeSubDomains",
  "x-content-type-options": "nosniff",
  "x-dns-prefetch-control": "off",
  "x-frame-options": "SAMEORIGIN",
  "x-permitted-cross-domain-policies": "none",
  // The legacy XSS auditor did more harm than good; 0 turns it off where it still exists.
  "x-xss-protection": "0",
};

/**
 * Adds `SECURITY_HEADERS` to each response that lacks them.
 * @example
 * ```ts
 * export default defineConfig({ middlewares: [securityHeaders()] });
 * ```
 */
export function securityHeaders(): Middleware {
  const entries = Object.entries(SECURITY_HEADERS);
  return async (ctx) => {
    const response = await ctx.next();
    const headers = response.headers;
    const missing = entries.filter(([name]) => !headers.has(name));
    // A WebSocket upgrade cannot be copied. The headers go on the response itself; only one
    // whose headers are immutable (a fetched response, `Response.redirect`) is copied.
    if (missing.length === 0 || response.status === 101) return response;
    try {
      for (const [name, value] of missing) response.headers.set(name, value);
      return response;
    } catch (error) {
      if (!(error instanceof TypeError)) throw error;
      const copy = new Response(response.body, response);
      for (const [name, value] of missing) copy.headers.set(name, value);
      return copy;
    }
  };
}
