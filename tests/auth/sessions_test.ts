import assert from "node:assert/strict";
import { expectError, postJson } from "../api/_api.ts";
import { addUser, authApp, bearer, login, PASSWORD } from "./_auth.ts";

const refresh = (app: Parameters<typeof postJson>[0], refreshToken: string) =>
  postJson(app, "/api/v1/auth/refresh", { refreshToken, refreshIn: "body" });

Deno.test("a refresh token rotates, and reusing a spent one revokes its whole family", async () => {
  using fixture = await authApp();
  await addUser(fixture.auth, "kim", "trader");
  const first = await login(fixture.app, "kim");

  const rotated = await refresh(fixture.app, first.refreshToken);
  assert.equal(rotated.status, 200);
  const second = await rotated.json();
  assert.notEqual(second.refreshToken, first.refreshToken);
  const me = await fixture.app.request("/api/v1/auth/me", { headers: bearer(second.accessToken) });
  assert.equal((await me.json()).username, "kim");

  const reuse = await expectError(await refresh(fixture.app, first.refreshToken), 401);
  assert.equal(reuse.code, "invalid_refresh_token");
  assert.match(reuse.message, /reused/);
  // The family is gone: the token issued after the spent one no longer works either.
  const after = await expectError(await refresh(fixture.app, second.refreshToken), 401);
  assert.match(after.message, /revoked/);

  // Another login is a new family, untouched by the revocation.
  const again = await login(fixture.app, "kim");
  assert.equal((await refresh(fixture.app, again.refreshToken)).status, 200);
});

Deno.test("logout revokes the session's refresh token (signed in with the name in any case)", async () => {
  using fixture = await authApp();
  await addUser(fixture.auth, "lee", "viewer");
  const session = await login(fixture.app, "Lee");
  const out = await postJson(fixture.app, "/api/v1/auth/logout", {
    refreshToken: session.refreshToken,
  });
  assert.deepEqual(await out.json(), { loggedOut: true });
  await expectError(await refresh(fixture.app, session.refreshToken), 401);
});

Deno.test("a password change revokes refresh tokens and the access token in use", async () => {
  using fixture = await authApp();
  await addUser(fixture.auth, "park", "viewer");
  const a = await login(fixture.app, "park");
  const b = await login(fixture.app, "park");
  const wrong = await fixture.app.request("/api/v1/auth/password", {
    method: "POST",
    headers: bearer(a.accessToken, { "content-type": "application/json" }),
    body: JSON.stringify({
      currentPassword: "not it at all",
      newPassword: "a new long passphrase",
    }),
  });
  assert.equal((await expectError(wrong, 403)).code, "invalid_credentials");

  const changed = await fixture.app.request("/api/v1/auth/password", {
    method: "POST",
    headers: bearer(a.accessToken, { "content-type": "application/json" }),
    body: JSON.stringify({ currentPassword: PASSWORD, newPassword: "a new long passphrase" }),
  });
  assert.equal(changed.status, 200);
  for (const session of [a, b]) {
    await expectError(await refresh(fixture.app, session.refreshToken), 401);
    const me = await fixture.app.request("/api/v1/auth/me", {
      headers: bearer(session.accessToken),
    });
    assert.equal((await expectError(me, 401)).code, "invalid_token");
  }
  await expectError(
    await postJson(fixture.app, "/api/v1/auth/login", {
      username: "park",
      password: PASSWORD,
    }),
    401,
  );
  await login(fixture.app, "park", "a new long passphrase");
});

Deno.test("state-changing auth calls are audited without secrets", async () => {
  using fixture = await authApp();
  await addUser(fixture.auth, "choi", "viewer");
  await expectError(
    await postJson(fixture.app, "/api/v1/auth/login", { username: "choi", password: "guess-1" }),
    401,
  );
  const session = await login(fixture.app, "choi");
  const next = await (await refresh(fixture.app, session.refreshToken)).json();
  await postJson(fixture.app, "/api/v1/auth/logout", { refreshToken: next.refreshToken });
  const { items } = await fixture.store.audit.list();
  const actions = items.filter((e) => e.kind === "auth").map((e) => e.action);
  assert.deepEqual(actions, [
    "user_created",
    "login_failed",
    "login",
    "token_refreshed",
    "refresh_family_revoked",
  ]);
  const logged = JSON.stringify(items);
  for (const secret of [PASSWORD, "guess-1", session.refreshToken, next.refreshToken]) {
    assert.ok(!logged.includes(secret), "no secret in the audit log");
  }
});

Deno.test("two instances racing to spend one refresh token: one wins, and the family ends", async () => {
  const dir = await Deno.makeTempDir();
  const path = `${dir}/race.kv`;
  const a = await authApp({ path });
  const b = await authApp({ path });
  await addUser(a.auth, "race", "viewer");
  const session = await login(a.app, "race");
  const answers = await Promise.all([
    refresh(a.app, session.refreshToken),
    refresh(b.app, session.refreshToken),
  ]);
  const statuses = answers.map((res) => res.status).sort();
  assert.deepEqual(statuses, [200, 401]);
  const winner = await answers.find((res) => res.status === 200)!.json();
  await answers.find((res) => res.status === 401)!.body?.cancel();
  // The loser's try counts as reuse, so even the winner's new token is revoked.
  await expectError(await refresh(b.app, winner.refreshToken), 401);
  a.store.close();
  b.store.close();
  await Deno.remove(dir, { recursive: true });
});
