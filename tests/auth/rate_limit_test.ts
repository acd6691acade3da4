import assert from "node:assert/strict";
import { join } from "node:path";
import { expectError, postJson } from "../api/_api.ts";
import { addUser, authApp, bearer, fromAddress, login, PASSWORD } from "./_auth.ts";

/** Two app instances (two KV handles) on one KV file, as two processes would be. */
async function twoInstances(budget = { limit: 5, windowMs: 60_000 }) {
  const dir = await Deno.makeTempDir();
  const path = join(dir, "shared.kv");
  const a = await authApp({ path, budget });
  const b = await authApp({ path, budget });
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

Deno.test("a user's request budget is shared by two instances on one KV file", async () => {
  await using pair = await twoInstances();
  await addUser(pair.a.auth, "jung", "viewer");
  const { accessToken } = await login(pair.b.app, "jung");
  const statuses: number[] = [];
  let last: Response | undefined;
  for (let i = 0; i < 6; i++) {
    const app = i % 2 === 0 ? pair.a.app : pair.b.app;
    last = await app.request("/api/v1/strategies", { headers: bearer(accessToken) });
    statuses.push(last.status);
    if (i < 5) {
      assert.equal(last.headers.get("ratelimit-limit"), "5");
      assert.equal(last.headers.get("ratelimit-remaining"), String(4 - i));
      assert.equal(last.headers.get("ratelimit-policy"), "5;w=60");
      await last.body?.cancel();
    }
  }
  assert.deepEqual(statuses, [200, 200, 200, 200, 200, 429]);
  const retryAfter = Number(last!.headers.get("retry-after"));
  assert.ok(retryAfter >= 1 && retryAfter <= 60, `Retry-After ${retryAfter}`);
  assert.equal(last!.headers.get("ratelimit-remaining"), "0");
  assert.equal((await expectError(last!, 429)).code, "rate_limited");
});

Deno.test("an API key has a budget of its own, apart from its owner's", async () => {
  await using pair = await twoInstances({ limit: 2, windowMs: 60_000 });
  await addUser(pair.a.auth, "kang", "viewer");
  const owner = await pair.a.auth.users.byName("kang");
  const { secret } = await pair.a.auth.apiKeys.create(
    { name: "cron", role: "viewer", ownerId: owner!.id },
    "test",
  );
  const { accessToken } = await login(pair.a.app, "kang");
  const viaKey = (app: typeof pair.a.app) =>
    app.request("/api/v1/auth/me", { headers: { "x-api-key": secret } });
  assert.equal((await viaKey(pair.a.app)).status, 200);
  assert.equal((await viaKey(pair.b.app)).status, 200);
  await expectError(await viaKey(pair.a.app), 429);
  const asUser = await pair.b.app.request("/api/v1/auth/me", { headers: bearer(accessToken) });
  assert.equal(asUser.status, 200);
});

Deno.test("failed logins lock the user name across instances, with a doubling backoff", async () => {
  let clock = Date.parse("2026-03-02T00:00:00Z");
  const dir = await Deno.makeTempDir();
  const path = join(dir, "shared.kv");
  const a = await authApp({ path, now: () => clock });
  const b = await authApp({ path, now: () => clock });
  try {
    await addUser(a.auth, "seo", "viewer");
    const attempt = (app: typeof a.app, password: string, address = "10.0.0.1") =>
      app.request("/api/v1/auth/login", {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ username: "seo", password }),
      }, fromAddress(address));
    for (let i = 0; i < 5; i++) {
      await expectError(await attempt(i % 2 ? a.app : b.app, `wrong-${i}`), 401);
    }
    // Free failures are spent: the sixth wrong one locks for 30 s …
    await expectError(await attempt(a.app, "wrong-5"), 401);
    const locked = await attempt(b.app, PASSWORD, "10.0.0.2");
    assert.equal((await expectError(locked, 429)).code, "login_locked");
    assert.equal(locked.headers.get("retry-after"), "30");
    // … the next failure after it doubles the lock to 60 s.
    clock += 31_000;
    await expectError(await attempt(b.app, "wrong-6"), 401);
    const longer = await attempt(a.app, PASSWORD);
    await expectError(longer, 429);
    assert.equal(longer.headers.get("retry-after"), "60");
    clock += 61_000;
    assert.equal((await attempt(a.app, PASSWORD)).status, 200);
    // A success forgets the user's failures.
    assert.equal(
      (await expectError(await attempt(b.app, "wrong-7"), 401)).code,
      "invalid_credentials",
    );
  } finally {
    a.store.close();
    b.store.close();
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test("many user names from one address lock that address", async () => {
  using fixture = await authApp();
  const from = fromAddress("192.0.2.7");
  for (let i = 0; i < 21; i++) {
    const res = await fixture.app.request("/api/v1/auth/login", {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ username: `user${i}`, password: "x" }),
    }, from);
    await expectError(res, 401);
  }
  const locked = await fixture.app.request("/api/v1/auth/login", {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ username: "someone-new", password: "x" }),
  }, from);
  await expectError(locked, 429);
  const elsewhere = await postJson(fixture.app, "/api/v1/auth/login", {
    username: "someone-new",
    password: "x",
  });
  await expectError(elsewhere, 401);
});

Deno.test("with budgets claimed in blocks, two instances admit the limit once and then answer 429", async () => {
  // 300 a minute: each instance claims three numbers at a time.
  await using pair = await twoInstances({ limit: 300, windowMs: 60_000 });
  await addUser(pair.a.auth, "baek", "viewer");
  const { accessToken } = await login(pair.a.app, "baek");
  const remaining = new Set<string>();
  let admitted = 0;
  let refused: Response | undefined;
  for (let i = 0; i < 320 && refused === undefined; i++) {
    const app = i % 3 === 0 ? pair.b.app : pair.a.app;
    const res = await app.request("/api/v1/auth/me", { headers: bearer(accessToken) });
    assert.equal(res.headers.get("ratelimit-limit"), "300");
    assert.equal(res.headers.get("ratelimit-policy"), "300;w=60");
    if (res.status === 429) refused = res;
    else {
      assert.equal(res.status, 200);
      admitted++;
      remaining.add(res.headers.get("ratelimit-remaining")!);
      await res.body?.cancel();
    }
  }
  assert.ok(refused, "refused within 320 requests");
  assert.equal(remaining.size, admitted, "each admitted request saw its own count");
  // The refusing instance had spent its numbers; two the other claimed lapse with the window.
  assert.equal(admitted, 300 - 2);
  const retryAfter = Number(refused.headers.get("retry-after"));
  assert.ok(retryAfter >= 1 && retryAfter <= 60, `Retry-After ${retryAfter}`);
  assert.equal(refused.headers.get("ratelimit-remaining"), "0");
  assert.equal((await expectError(refused, 429)).code, "rate_limited");
});
