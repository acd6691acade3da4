import assert from "node:assert/strict";
import { expectError } from "../api/_api.ts";
import { addUser, authApp, PASSWORD } from "./_auth.ts";

/** The `Set-Cookie` lines of `res`, by cookie name. */
function cookiesOf(res: Response): Map<string, string> {
  return new Map(res.headers.getSetCookie().map((line) => [line.split("=")[0]!, line]));
}

/** The value part of a `Set-Cookie` line. */
const valueOf = (line: string) => line.split(";")[0]!.split("=").slice(1).join("=");

async function browserLogin(app: Awaited<ReturnType<typeof authApp>>["app"]) {
  const res = await app.request("/api/v1/auth/login", {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ username: "yoon", password: PASSWORD }),
  });
  assert.equal(res.status, 200);
  const body = await res.json();
  const cookies = cookiesOf(res);
  const jar = ["__Host-yeouido_access", "__Secure-yeouido_refresh", "__Host-yeouido_csrf"]
    .map((name) => `${name}=${valueOf(cookies.get(name)!)}`).join("; ");
  return { body, cookies, jar, csrf: valueOf(cookies.get("__Host-yeouido_csrf")!) };
}

Deno.test("a browser login sets HttpOnly, Secure, SameSite=Strict cookies", async () => {
  using fixture = await authApp();
  await addUser(fixture.auth, "yoon", "trader");
  const { body, cookies } = await browserLogin(fixture.app);
  assert.equal(body.refreshToken, undefined, "the refresh token stays out of the body");
  assert.equal(typeof body.accessToken, "string");
  const access = cookies.get("__Host-yeouido_access")!;
  const refresh = cookies.get("__Secure-yeouido_refresh")!;
  const csrf = cookies.get("__Host-yeouido_csrf")!;
  for (const line of [access, refresh]) {
    assert.match(line, /; HttpOnly/);
    assert.match(line, /; Secure/);
    assert.match(line, /; SameSite=Strict/);
  }
  assert.match(access, /; Path=\/;|; Path=\/$/);
  assert.match(access, /Max-Age=900/);
  assert.match(refresh, /Path=\/api\/v1\/auth/);
  assert.match(refresh, /Max-Age=2592000/);
  assert.doesNotMatch(csrf, /HttpOnly/, "the page's script reads the CSRF cookie");
  assert.match(csrf, /; Secure/);
  assert.match(csrf, /; SameSite=Strict/);
});

Deno.test("a cookie session reads freely but unsafe calls need the CSRF header", async () => {
  using fixture = await authApp();
  await addUser(fixture.auth, "yoon", "trader");
  const { jar, csrf } = await browserLogin(fixture.app);
  const me = await fixture.app.request("/api/v1/auth/me", { headers: { cookie: jar } });
  assert.equal(me.status, 200);
  assert.equal((await me.json()).via, "cookie");

  const post = (headers: Record<string, string>) =>
    fixture.app.request("/api/v1/api-keys", {
      method: "POST",
      headers: { cookie: jar, "content-type": "application/json", ...headers },
      body: JSON.stringify({ name: "from the page" }),
    });
  assert.equal((await expectError(await post({}), 403)).code, "csrf_failed");
  const forged = await post({ "x-csrf-token": "guessed-value" });
  assert.equal((await expectError(forged, 403)).code, "csrf_failed");
  assert.equal(
    (await fixture.auth.apiKeys.list((await fixture.auth.users.byName("yoon"))!.id)).length,
    0,
  );
  assert.equal((await post({ "x-csrf-token": csrf })).status, 201);
});

Deno.test("a cookie refresh needs the CSRF header and rotates the cookies; logout clears them", async () => {
  using fixture = await authApp();
  await addUser(fixture.auth, "yoon", "trader");
  const { jar, csrf, cookies } = await browserLogin(fixture.app);
  const refresh = (headers: Record<string, string>) =>
    fixture.app.request("/api/v1/auth/refresh", {
      method: "POST",
      headers: { cookie: jar, ...headers },
    });
  assert.equal((await expectError(await refresh({}), 403)).code, "csrf_failed");
  const rotated = await refresh({ "x-csrf-token": csrf });
  assert.equal(rotated.status, 200);
  const next = cookiesOf(rotated);
  assert.notEqual(
    valueOf(next.get("__Secure-yeouido_refresh")!),
    valueOf(cookies.get("__Secure-yeouido_refresh")!),
  );

  const nextJar = [...next.entries()].map(([name, line]) => `${name}=${valueOf(line)}`).join("; ");
  const out = await fixture.app.request("/api/v1/auth/logout", {
    method: "POST",
    headers: { cookie: nextJar, "x-csrf-token": valueOf(next.get("__Host-yeouido_csrf")!) },
  });
  assert.equal(out.status, 200);
  for (const line of out.headers.getSetCookie()) assert.match(line, /Max-Age=0/);
  const reuse = await fixture.app.request("/api/v1/auth/refresh", {
    method: "POST",
    headers: { cookie: nextJar, "x-csrf-token": valueOf(next.get("__Host-yeouido_csrf")!) },
  });
  await expectError(reuse, 401);
});

Deno.test("a stale access cookie is anonymous rather than an error, so login still works", async () => {
  using fixture = await authApp();
  await addUser(fixture.auth, "yoon", "trader");
  const res = await fixture.app.request("/api/v1/auth/login", {
    method: "POST",
    headers: {
      "content-type": "application/json",
      cookie: "__Host-yeouido_access=old.stale.token",
    },
    body: JSON.stringify({ username: "yoon", password: PASSWORD }),
  });
  assert.equal(res.status, 200);
});
