import assert from "node:assert/strict";
import { expectError } from "../api/_api.ts";
import { addUser, authApp, bearer, login } from "./_auth.ts";

const json = { "content-type": "application/json" };

Deno.test("an API key acts with its role, records its last use, and stops when revoked", async () => {
  let clock = Date.parse("2026-03-02T00:00:00Z");
  using fixture = await authApp({ now: () => clock });
  await addUser(fixture.auth, "han", "trader");
  const { accessToken } = await login(fixture.app, "han");
  const created = await fixture.app.request("/api/v1/api-keys", {
    method: "POST",
    headers: bearer(accessToken, json),
    body: JSON.stringify({ name: "report script", role: "viewer" }),
  });
  assert.equal(created.status, 201);
  const { key, secret } = await created.json();
  assert.match(secret, /^yk_/);
  assert.equal(key.role, "viewer");
  assert.equal(key.lastUsedAt, null);
  assert.ok(
    !JSON.stringify(await fixture.store.kv.get(["auth", "api_keys", key.id])).includes(
      secret.slice(30),
    ),
  );

  clock += 5_000;
  const me = await fixture.app.request("/api/v1/auth/me", { headers: { "x-api-key": secret } });
  assert.deepEqual(await me.json(), {
    id: key.ownerId,
    username: "han",
    role: "viewer",
    via: "api_key",
    keyId: key.id,
  });
  const listed = await fixture.app.request("/api/v1/api-keys", { headers: bearer(accessToken) });
  const [item] = (await listed.json()).items;
  assert.equal(item.lastUsedAt, clock);
  assert.equal(item.hash, undefined, "the list never shows the hash");

  const revoked = await fixture.app.request(`/api/v1/api-keys/${key.id}`, {
    method: "DELETE",
    headers: bearer(accessToken),
  });
  assert.equal(revoked.status, 200);
  const after = await fixture.app.request("/api/v1/auth/me", { headers: { "x-api-key": secret } });
  assert.equal((await expectError(after, 401)).code, "invalid_api_key");
});

Deno.test("a key is never above its owner, cannot mint keys, and others' keys are not found", async () => {
  using fixture = await authApp();
  await addUser(fixture.auth, "viewer2", "viewer");
  await addUser(fixture.auth, "other", "viewer");
  const { accessToken } = await login(fixture.app, "viewer2");
  const above = await fixture.app.request("/api/v1/api-keys", {
    method: "POST",
    headers: bearer(accessToken, json),
    body: JSON.stringify({ name: "too much", role: "admin" }),
  });
  assert.equal((await expectError(above, 403)).code, "forbidden");

  const res = await fixture.app.request("/api/v1/api-keys", {
    method: "POST",
    headers: bearer(accessToken, json),
    body: JSON.stringify({ name: "mine" }),
  });
  const { key, secret } = await res.json();
  const minted = await fixture.app.request("/api/v1/api-keys", {
    method: "POST",
    headers: { "x-api-key": secret, ...json },
    body: JSON.stringify({ name: "child" }),
  });
  await expectError(minted, 403);

  const other = await login(fixture.app, "other");
  const steal = await fixture.app.request(`/api/v1/api-keys/${key.id}`, {
    method: "DELETE",
    headers: bearer(other.accessToken),
  });
  await expectError(steal, 404);
  assert.notEqual(await fixture.auth.apiKeys.get(key.id), null);
});

Deno.test("an admin manages users: create, change role, disable (ending sessions), not self", async () => {
  using fixture = await authApp();
  const admin = await addUser(fixture.auth, "boss", "admin");
  await addUser(fixture.auth, "staff", "viewer");
  const { accessToken } = await login(fixture.app, "boss");
  const staff = await login(fixture.app, "staff");

  const created = await fixture.app.request("/api/v1/users", {
    method: "POST",
    headers: bearer(accessToken, json),
    body: JSON.stringify({ username: "newbie", role: "trader", password: "long enough pass" }),
  });
  assert.equal(created.status, 201);
  const newbie = await created.json();
  assert.equal(newbie.passwordHash, undefined);
  const taken = await fixture.app.request("/api/v1/users", {
    method: "POST",
    headers: bearer(accessToken, json),
    body: JSON.stringify({ username: "newbie", role: "viewer", password: "long enough pass" }),
  });
  assert.equal((await expectError(taken, 409)).code, "username_taken");

  const staffId = (await fixture.auth.users.byName("staff"))!.id;
  const promoted = await fixture.app.request(`/api/v1/users/${staffId}`, {
    method: "PATCH",
    headers: bearer(accessToken, json),
    body: JSON.stringify({ role: "trader" }),
  });
  assert.equal((await promoted.json()).role, "trader");
  const me = await fixture.app.request("/api/v1/auth/me", { headers: bearer(staff.accessToken) });
  assert.equal((await me.json()).role, "trader", "a role change applies to live tokens at once");

  const disabled = await fixture.app.request(`/api/v1/users/${staffId}`, {
    method: "PATCH",
    headers: bearer(accessToken, json),
    body: JSON.stringify({ disabled: true }),
  });
  assert.equal(disabled.status, 200);
  const gone = await fixture.app.request("/api/v1/auth/me", { headers: bearer(staff.accessToken) });
  await expectError(gone, 401);
  const refreshed = await fixture.app.request("/api/v1/auth/refresh", {
    method: "POST",
    headers: json,
    body: JSON.stringify({ refreshToken: staff.refreshToken }),
  });
  await expectError(refreshed, 401);

  const self = await fixture.app.request(`/api/v1/users/${admin.id}`, {
    method: "PATCH",
    headers: bearer(accessToken, json),
    body: JSON.stringify({ disabled: true }),
  });
  assert.equal((await expectError(self, 409)).code, "self_lockout");
  const list = await fixture.app.request("/api/v1/users", { headers: bearer(accessToken) });
  assert.deepEqual(
    (await list.json()).items.map((u: { username: string }) => u.username).sort(),
    ["boss", "newbie", "staff"],
  );
});

Deno.test("an admin sets another user's password, ending their sessions, but not their own; the list shows each last sign-in", async () => {
  let now = 1_000_000;
  using fixture = await authApp({ now: () => now });
  const admin = await addUser(fixture.auth, "boss", "admin");
  const staff = await addUser(fixture.auth, "staff", "viewer");
  await addUser(fixture.auth, "idle", "viewer");
  const { accessToken } = await login(fixture.app, "boss");
  now += 60_000;
  const session = await login(fixture.app, "staff");

  const list = await fixture.app.request("/api/v1/users", { headers: bearer(accessToken) });
  const lastLogins = Object.fromEntries(
    (await list.json()).items.map((u: { username: string; lastLoginAt: number | null }) => [
      u.username,
      u.lastLoginAt,
    ]),
  );
  assert.deepEqual(lastLogins, { boss: 1_000_000, staff: 1_060_000, idle: null });

  const setPassword = (id: string, body: unknown) =>
    fixture.app.request(`/api/v1/users/${id}/password`, {
      method: "PUT",
      headers: bearer(accessToken, json),
      body: JSON.stringify(body),
    });
  const short = await expectError(await setPassword(staff.id, { password: "short" }), 400);
  assert.equal(short.code, "validation_failed");
  assert.match(JSON.stringify(short.details), /password/);
  await expectError(
    await setPassword("01HZZZZZZZZZZZZZZZZZZZZZZZ", { password: "a new long pass" }),
    404,
  );
  const own = await expectError(await setPassword(admin.id, { password: "a new long pass" }), 409);
  assert.equal(own.code, "own_password");

  const set = await setPassword(staff.id, { password: "a new long pass" });
  assert.equal(set.status, 200);
  assert.equal((await set.json()).passwordHash, undefined);
  const gone = await fixture.app.request("/api/v1/auth/me", {
    headers: bearer(session.accessToken),
  });
  await expectError(gone, 401);
  await login(fixture.app, "staff", "a new long pass");
  const audit = (await fixture.store.audit.list({ reverse: true, limit: 20 })).items;
  assert.ok(
    audit.some((e) =>
      e.action === "password_changed" && e.subject === staff.id && e.data.by === "boss"
    ),
    "the reset is in the audit log, with who did it",
  );
});
