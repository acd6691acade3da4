/**
 * The per-caller request budget: each signed-in user, and each API key on its own, may make
 * `auth.budget` requests per window across every instance sharing the store. Answers carry
 * `RateLimit-*` headers; a request over budget is refused with `429` and `Retry-After`.
 * @module
 */
import type { MiddlewareHandler } from "hono";
import type { Auth } from "../auth/mod.ts";
import { consumeBudget } from "../auth/rate_limit.ts";
import type { ApiEnv } from "./context.ts";
import { ApiError } from "./errors.ts";

/** Counts each authenticated request against its caller's budget; anonymous ones pass. */
export function rateLimit(auth: Auth): MiddlewareHandler<ApiEnv> {
  const policy = `${auth.budget.limit};w=${Math.round(auth.budget.windowMs / 1000)}`;
  return async (c, next) => {
    const principal = c.get("principal");
    if (principal === null) return await next();
    const caller = principal.keyId === undefined
      ? `user:${principal.subject}`
      : `key:${principal.keyId}`;
    const state = await consumeBudget(auth.store.kv, caller, auth.budget, auth.store.now());
    c.header("RateLimit-Policy", policy);
    c.header("RateLimit-Limit", String(state.limit));
    c.header("RateLimit-Remaining", String(state.remaining));
    c.header("RateLimit-Reset", String(state.resetSeconds));
    if (!state.allowed) {
      throw new ApiError(
        429,
        "rate_limited",
        `over the budget of ${policy}; try again in ${state.resetSeconds} s`,
        { headers: { "Retry-After": String(state.resetSeconds) } },
      );
    }
    await next();
  };
}
