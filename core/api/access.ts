/**
 * Who may call what: the roles, the principal an authenticated request carries, and
 * {@link secured}, which marks a route with the least role it needs. A secured route answers 401
 * without a principal and 403 when the principal's role ranks below the route's; how a request
 * becomes a principal (tokens, cookies, API keys) is the injected {@link Authenticator}'s job.
 * @module
 */
import type { RouteConfig } from "@hono/zod-openapi";
import type { Context, MiddlewareHandler } from "hono";
import type { RequestIdVariables } from "hono/request-id";
import { errorContent } from "./content.ts";
import { ApiError } from "./errors.ts";

/** The roles, least to most: read, trade, configure. */
export const ROLES = ["viewer", "trader", "admin"] as const;

/** A user's or an API key's role. */
export type Role = (typeof ROLES)[number];

/** The authenticated caller of a request. */
export interface Principal {
  /** The user's id (for an API key, its owner's). */
  readonly subject: string;
  readonly username: string;
  readonly role: Role;
  /** How the request proved who it is. */
  readonly via: "cookie" | "bearer" | "api_key";
  /** The API key's id when `via` is `api_key`. */
  readonly keyId?: string;
}

/** Variables every API request carries: its id and its principal (null when anonymous). */
export type AccessVariables = RequestIdVariables & { principal: Principal | null };

/**
 * Turns a request into its principal: null when it carries no credentials; throws an `ApiError`
 * (401) when it carries bad ones, so a wrong token is never treated as anonymous.
 */
export type Authenticator = (
  c: Context<{ Variables: AccessVariables }>,
) => Promise<Principal | null>;

/** True when `role` may do what `needed` may. */
export function roleAllows(role: Role, needed: Role): boolean {
  return ROLES.indexOf(role) >= ROLES.indexOf(needed);
}

/** Refuses a request whose principal is missing (401) or ranks below `needed` (403). */
export function requireRole(needed: Role): MiddlewareHandler<{ Variables: AccessVariables }> {
  return async (c, next) => {
    const principal = c.get("principal");
    if (!principal) {
      throw new ApiError(401, "unauthenticated", "sign in, or send a bearer token or an API key", {
        headers: { "WWW-Authenticate": 'Bearer realm="yeouido"' },
      });
    }
    if (!roleAllows(principal.role, needed)) {
      throw new ApiError(
        403,
        "forbidden",
        `this needs the ${needed} role; you are ${principal.role}`,
      );
    }
    await next();
  };
}

/** The OpenAPI security requirements of a secured route: a bearer token or an API key. */
export const SECURITY: RouteConfig["security"] = [{ bearer: [] }, { apiKey: [] }];

/**
 * `route` restricted to principals of at least `role`: the check runs before the request is
 * validated, and the document shows the requirement (`security`, `x-role`, and the 401, 403 and
 * 429 answers unless the route describes its own).
 */
export function secured<R extends RouteConfig>(
  role: Role,
  route: R,
): R & { "x-role": Role } {
  const own = route.middleware === undefined
    ? []
    : Array.isArray(route.middleware)
    ? route.middleware
    : [route.middleware];
  return {
    ...route,
    security: SECURITY,
    "x-role": role,
    responses: {
      401: { description: "No credentials, or bad ones", content: errorContent },
      403: { description: `Needs the ${role} role`, content: errorContent },
      429: { description: "Over the request budget; see Retry-After", content: errorContent },
      ...route.responses,
    },
    middleware: [requireRole(role), ...own],
  };
}
