import assert from "node:assert/strict";
import { join } from "node:path";
import { USERS_FRESH_MS } from "@/core/auth/user_cache.ts";
import { addUser, authApp, bearer, login } from "./_auth.ts";

/** Two app instances (two KV handles) on one KV file, as two processes would be. */
async function twoInstances() {
  const dir = await Deno.makeTempDir();
  const path = join(dir, "shared.kv");
  const a = await authApp({ path });
  const b = await authApp({ path });
  return {
    a,
    b,
    [Symbol.asyncDispose]: async () => {
      a.store.close();
      b.store.close();
      await Deno.remove(dir, { recursive: true });
    },
  };
}

type App = Awaited<ReturnType<typeof authApp>>["app"];

/** A trader route with an empty body: refused by role (403), else by validation (400). */
async function placeOrder(app: App, token: string): Promise<number> {
  const res = await app.request("/api/v1/orders", {
    method: "POST",
    headers: bearer(token, { "content-type": "application/json", "idempotency-key": "k-1" }),
    body: "{}",
  });
  await res.body?.cancel();
  return res.status;
}

/** The status of `GET /auth/me` with `token`. */
async function meStatus(app: App, token: string): Promise<number> {
  const res = await app.request("/api/v1/auth/me", { headers: bearer(token) });
  await res.body?.cancel();
  return res.status;
}

/** Calls `status` until it answers `want` or `withinMs` pass; how long it took (ms). */
async function untilStatus(status: () => Promise<number>, want: number, withinMs: number) {
  const start = performance.now();
  for (;;) {
    const got = await status();
    const elapsed = performance.now() - start;
    if (got === want) return elapsed;
    assert.ok(elapsed < withinMs, `still ${got} after ${Math.round(elapsed)} ms, not ${want}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

Deno.test("a role lowered in one instance is refused by another within the cache's bound", async () => {
  await using pair = await twoInstances();
  await addUser(pair.a.auth, "moon", "trader");
  const { accessToken } = await login(pair.b.app, "moon");
  // Both instances have checked the trader's record (and keep it) before the change.
  assert.notEqual(await placeOrder(pair.a.app, accessToken), 403);
  assert.notEqual(await placeOrder(pair.b.app, accessToken), 403);
  const id = (await pair.a.auth.users.byName("moon"))!.id;
  await pair.a.auth.users.update(id, (u) => ({ ...u, role: "viewer" }), {
    action: "user_changed",
    by: "test",
  });
  assert.equal(await placeOrder(pair.a.app, accessToken), 403, "at once where it was changed");
  const took = await untilStatus(() => placeOrder(pair.b.app, accessToken), 403, 2_000);
  assert.ok(took <= USERS_FRESH_MS + 500, `the other instance took ${Math.round(took)} ms`);
});

Deno.test("a user disabled in one instance loses its access token in another", async () => {
  await using pair = await twoInstances();
  await addUser(pair.a.auth, "noh", "viewer");
  const { accessToken } = await login(pair.a.app, "noh");
  const me = () => meStatus(pair.b.app, accessToken);
  assert.equal(await me(), 200);
  const id = (await pair.a.auth.users.byName("noh"))!.id;
  await pair.a.auth.users.update(id, (u) => ({ ...u, disabled: true }), {
    action: "user_changed",
    by: "test",
  });
  await untilStatus(me, 401, 2_000);
});

Deno.test("a password changed in one instance retires the access tokens another accepts", async () => {
  await using pair = await twoInstances();
  await addUser(pair.a.auth, "rah", "viewer");
  const { accessToken } = await login(pair.a.app, "rah");
  const me = () => meStatus(pair.b.app, accessToken);
  assert.equal(await me(), 200);
  const id = (await pair.a.auth.users.byName("rah"))!.id;
  await pair.a.auth.users.setPassword(id, "another long password", "test");
  await untilStatus(me, 401, 2_000);
});
