import assert from "node:assert/strict";
import { type Role, roleAllows, ROLES } from "@/core/api/access.ts";
import { OPENAPI_PATH } from "@/core/api/app.ts";
import { AccessTokens } from "@/core/auth/mod.ts";
import { fromBase64Url, toBase64Url } from "@/core/auth/crypto.ts";
import { addUser, authApp, bearer, TEST_SECRET } from "../auth/_auth.ts";
import { expectError } from "./_api.ts";

/** The only operations anyone may call; every other one must carry `x-role`. */
const PUBLIC = new Set([
  "GET /api/v1/health/live",
  "GET /api/v1/health/ready",
  "GET /api/v1/openapi.json",
  "POST /api/v1/auth/login",
  "POST /api/v1/auth/refresh",
  "POST /api/v1/auth/logout",
]);

/** A value for each path parameter that passes its pattern, so refusals are about access. */
const PATH_VALUES: Record<string, string> = { symbol: "005930", id: "01HZZZZZZZZZZZZZZZZZZZZZZZ" };

interface Operation {
  readonly method: string;
  readonly path: string;
  readonly role: Role | undefined;
  /** The statuses its document lists. */
  readonly documents: readonly string[];
}

const text = (json: unknown) => new TextEncoder().encode(JSON.stringify(json));

Deno.test("every non-public operation in the OpenAPI document refuses bad credentials", async (t) => {
  using fixture = await authApp();
  const { app, auth } = fixture;
  const document = await (await app.request(OPENAPI_PATH)).json();
  const operations: Operation[] = Object.entries(document.paths as Record<string, object>)
    .flatMap(([path, item]) =>
      Object.entries(item as Record<string, { "x-role"?: Role; responses: object }>).map((
        [method, op],
      ) => ({
        method: method.toUpperCase(),
        path,
        role: op["x-role"],
        documents: Object.keys(op.responses),
      }))
    );
  assert.ok(operations.length >= 15, `found ${operations.length} operations`);

  await t.step(
    "only the allowlist is public; every other operation names its role and its 401/403",
    () => {
      for (const op of operations) {
        const name = `${op.method} ${op.path}`;
        if (PUBLIC.has(name)) assert.equal(op.role, undefined, `${name} is public`);
        else {
          assert.ok(op.role && ROLES.includes(op.role), `${name} carries x-role`);
          assert.ok(op.documents.includes("401") && op.documents.includes("403"), name);
        }
      }
    },
  );

  const viewer = await addUser(auth, "viewer1", "viewer");
  const subject = {
    userId: viewer.id,
    username: viewer.username,
    role: viewer.role,
    tokenVersion: 0,
  };
  const hourAgo = Date.now() - 60 * 60 * 1000;
  const validToken = await auth.tokens.sign(subject);
  const validClaims = JSON.parse(
    new TextDecoder().decode(fromBase64Url(validToken.split(".")[1]!)),
  );
  const badTokens: Record<string, string> = {
    "expired": await new AccessTokens(TEST_SECRET, () => hourAgo).sign(subject),
    "signed with another key": await new AccessTokens("another-secret-of-32-bytes-length!!")
      .sign(subject),
    "alg none": `${toBase64Url(text({ alg: "none", typ: "JWT" }))}.${
      toBase64Url(text(validClaims))
    }.`,
    "malformed": "not.a.jwt",
    "garbage": "Bearer",
  };
  const viewerToken = validToken;

  for (const op of operations.filter((o) => !PUBLIC.has(`${o.method} ${o.path}`))) {
    const url = op.path.replace(/\{(\w+)\}/g, (_, name: string) => PATH_VALUES[name] ?? "x");
    const send = (headers: HeadersInit = {}) =>
      app.request(url, {
        method: op.method,
        headers: { "content-type": "application/json", ...headers },
        body: op.method === "GET" ? undefined : "{}",
      });
    await t.step(`${op.method} ${op.path} (${op.role})`, async () => {
      assert.equal((await expectError(await send(), 401)).code, "unauthenticated");
      for (const [what, token] of Object.entries(badTokens)) {
        const error = await expectError(await send(bearer(token)), 401);
        assert.equal(error.code, "invalid_token", what);
      }
      const asViewer = await send(bearer(viewerToken));
      if (!roleAllows("viewer", op.role!)) {
        assert.equal((await expectError(asViewer, 403)).code, "forbidden");
      } else {
        assert.notEqual(asViewer.status, 401);
        assert.notEqual(asViewer.status, 403);
        await asViewer.body?.cancel();
      }
    });
  }
});
