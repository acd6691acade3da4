/**
 * `GET` and `POST /api/v1/users`, `PATCH /api/v1/users/{id}`, `PUT /api/v1/users/{id}/password`:
 * the admin's user management — list (with each user's last sign-in), create, change a role,
 * disable or enable, set a new password. Disabling and a new password end the user's sessions at
 * once.
 * @module
 */
import { createRoute, z } from "@hono/zod-openapi";
import {
  publicUser,
  UnknownUserError,
  usernameSchema,
  UsernameTakenError,
} from "../../auth/users.ts";
import { MAX_PASSWORD_LENGTH } from "../../auth/password.ts";
import { ROLES, secured } from "../access.ts";
import { errorContent, jsonContent } from "../content.ts";
import type { ApiApp, ApiOptions } from "../context.ts";
import { ApiError } from "../errors.ts";
import { authOf, MIN_PASSWORD_LENGTH } from "./auth.ts";

const userSchema = z.object({
  id: z.string(),
  username: z.string(),
  role: z.enum(ROLES),
  disabled: z.boolean(),
  createdAt: z.int().describe("epoch ms"),
  updatedAt: z.int().describe("epoch ms"),
}).openapi("User");

const listedUserSchema = userSchema.extend({
  lastLoginAt: z.int().nullable().describe("epoch ms of the last sign-in; null if never"),
}).openapi("ListedUser");

const errors = {
  503: { description: "Authentication is not configured", content: errorContent },
};

const idParams = z.strictObject({
  id: z.string().regex(/^[0-9A-HJKMNP-TV-Z]{26}$/, "a user id")
    .openapi({ param: { name: "id", in: "path" } }),
});

const listRoute = secured(
  "admin",
  createRoute({
    method: "get",
    path: "/api/v1/users",
    tags: ["users"],
    summary: "Every user",
    responses: {
      200: {
        description: "The users",
        content: jsonContent(z.object({ items: z.array(listedUserSchema) })),
      },
      ...errors,
    },
  }),
);

const createUserRoute = secured(
  "admin",
  createRoute({
    method: "post",
    path: "/api/v1/users",
    tags: ["users"],
    summary: "Create a user",
    request: {
      body: {
        required: true,
        content: jsonContent(
          z.strictObject({
            username: usernameSchema,
            role: z.enum(ROLES),
            password: z.string().min(MIN_PASSWORD_LENGTH).max(MAX_PASSWORD_LENGTH),
          }).openapi("UserRequest"),
        ),
      },
    },
    responses: {
      201: { description: "Created", content: jsonContent(userSchema) },
      400: { description: "A field is invalid", content: errorContent },
      409: { description: "The user name is taken", content: errorContent },
      ...errors,
    },
  }),
);

const updateRoute = secured(
  "admin",
  createRoute({
    method: "patch",
    path: "/api/v1/users/{id}",
    tags: ["users"],
    summary: "Change a user's role, or disable or enable the user",
    request: {
      params: idParams,
      body: {
        required: true,
        content: jsonContent(
          z.strictObject({ role: z.enum(ROLES).optional(), disabled: z.boolean().optional() })
            .refine(
              (b) => b.role !== undefined || b.disabled !== undefined,
              "send role or disabled",
            )
            .openapi("UserChange"),
        ),
      },
    },
    responses: {
      200: { description: "Changed", content: jsonContent(userSchema) },
      400: { description: "A field is invalid", content: errorContent },
      404: { description: "No such user", content: errorContent },
      409: { description: "An admin cannot demote or disable themself", content: errorContent },
      ...errors,
    },
  }),
);

const passwordRoute = secured(
  "admin",
  createRoute({
    method: "put",
    path: "/api/v1/users/{id}/password",
    tags: ["users"],
    summary: "Set another user's password (ending their sessions)",
    request: {
      params: idParams,
      body: {
        required: true,
        content: jsonContent(
          z.strictObject({
            password: z.string().min(MIN_PASSWORD_LENGTH).max(MAX_PASSWORD_LENGTH),
          }).openapi("UserPassword"),
        ),
      },
    },
    responses: {
      200: { description: "Set", content: jsonContent(userSchema) },
      400: { description: "A field is invalid", content: errorContent },
      404: { description: "No such user", content: errorContent },
      409: {
        description: "An admin changes their own password with the current one",
        content: errorContent,
      },
      ...errors,
    },
  }),
);

/** Registers the user routes. */
export function registerUserRoutes(app: ApiApp, options: ApiOptions): void {
  app.openapi(listRoute, async (c) => {
    const auth = authOf(options);
    const [users, logins] = await Promise.all([auth.users.list(), auth.users.lastLogins()]);
    return c.json({
      items: users.map((user) => ({
        ...publicUser(user),
        lastLoginAt: logins.get(user.id) ?? null,
      })),
    }, 200);
  });

  app.openapi(createUserRoute, async (c) => {
    const auth = authOf(options);
    try {
      const user = await auth.users.create(c.req.valid("json"), c.get("principal")!.username);
      return c.json(publicUser(user), 201);
    } catch (error) {
      if (error instanceof UsernameTakenError) {
        throw new ApiError(409, "username_taken", error.message);
      }
      throw error;
    }
  });

  app.openapi(updateRoute, async (c) => {
    const auth = authOf(options);
    const principal = c.get("principal")!;
    const { id } = c.req.valid("param");
    const { role, disabled } = c.req.valid("json");
    if (
      id === principal.subject && (disabled === true || (role !== undefined && role !== "admin"))
    ) {
      throw new ApiError(409, "self_lockout", "an admin cannot demote or disable themself");
    }
    let user;
    try {
      user = await auth.users.update(
        id,
        (u) => ({ ...u, role: role ?? u.role, disabled: disabled ?? u.disabled }),
        { action: "user_changed", by: principal.username, data: { role, disabled } },
      );
    } catch (error) {
      if (error instanceof UnknownUserError) throw new ApiError(404, "not_found", error.message);
      throw error;
    }
    if (user.disabled) await auth.refreshTokens.revokeUser(id, "disabled", principal.username);
    return c.json(publicUser(user), 200);
  });
  app.openapi(passwordRoute, async (c) => {
    const auth = authOf(options);
    const principal = c.get("principal")!;
    const { id } = c.req.valid("param");
    if (id === principal.subject) {
      throw new ApiError(
        409,
        "own_password",
        "change your own password with the current one (POST /api/v1/auth/password)",
      );
    }
    let user;
    try {
      user = await auth.users.setPassword(id, c.req.valid("json").password, principal.username);
    } catch (error) {
      if (error instanceof UnknownUserError) throw new ApiError(404, "not_found", error.message);
      throw error;
    }
    await auth.refreshTokens.revokeUser(id, "password_reset", principal.username);
    return c.json(publicUser(user), 200);
  });
}
