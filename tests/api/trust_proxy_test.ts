import assert from "node:assert/strict";
import { createApiApp } from "@/core/api/app.ts";
import { createAuth } from "@/core/auth/mod.ts";
import { parseTrustProxyEnv, type TrustProxy } from "@/core/config/trust_proxy.ts";
import { openStore } from "@/core/store/mod.ts";
import { addUser, fromAddress, PASSWORD, TEST_SECRET } from "../auth/_auth.ts";
import { expectError } from "./_api.ts";

const PROXY = "10.0.0.5";

async function proxiedApp(trust: TrustProxy) {
  const store = await openStore({ path: ":memory:" });
  const auth = createAuth(store, TEST_SECRET);
  await addUser(auth, "kim", "viewer");
  const app = createApiApp({ store, auth, trustProxy: trust });
  const login = (username: string, password: string, peer: string, forwardedFor?: string) =>
    Promise.resolve(app.request("/api/v1/auth/login", {
      method: "POST",
      headers: {
        "content-type": "application/json",
        ...(forwardedFor === undefined ? {} : { "x-forwarded-for": forwardedFor }),
      },
      body: JSON.stringify({ username, password }),
    }, fromAddress(peer)));
  const failedFrom = async () =>
    (await store.audit.list()).items
      .filter((entry) => entry.action === "login_failed")
      .map((entry) => entry.data.address);
  return { store, login, failedFrom, [Symbol.dispose]: () => store.close() };
}

/** 21 wrong passwords for other names from one client: past the address's allowance of 20. */
async function lockOut(
  login: (u: string, p: string, peer: string, xff?: string) => Promise<Response>,
  xff?: string,
) {
  for (let i = 0; i < 21; i++) await expectError(await login(`user${i}`, "x", PROXY, xff), 401);
}

Deno.test("without TRUST_PROXY the lockout keys on the proxy's address, whatever X-Forwarded-For says", async () => {
  using rig = await proxiedApp(parseTrustProxyEnv({}));
  await lockOut(rig.login, "203.0.113.1");
  // another client behind the same proxy is locked out with it: the header is not believed
  const other = await rig.login("kim", PASSWORD, PROXY, "203.0.113.2");
  assert.equal((await expectError(other, 429)).code, "login_locked");
  assert.deepEqual(new Set(await rig.failedFrom()), new Set([PROXY]));
});

Deno.test("with TRUST_PROXY=1 the lockout keys on the forwarded client, so its neighbours still sign in", async () => {
  using rig = await proxiedApp(parseTrustProxyEnv({ TRUST_PROXY: "1" }));
  await lockOut(rig.login, "203.0.113.1");
  assert.equal(
    (await expectError(await rig.login("kim", PASSWORD, PROXY, "203.0.113.1"), 429)).code,
    "login_locked",
  );
  assert.equal((await rig.login("kim", PASSWORD, PROXY, "203.0.113.2")).status, 200);
  // a locked client cannot get out by prepending addresses: only the hop the proxy added counts
  const spoofed = await rig.login("kim", PASSWORD, PROXY, "198.51.100.77, 203.0.113.1");
  assert.equal((await expectError(spoofed, 429)).code, "login_locked");
  assert.deepEqual(new Set(await rig.failedFrom()), new Set(["203.0.113.1"]));
});

Deno.test("with a TRUST_PROXY list a header from an untrusted peer is ignored, and trusted hops are skipped", async () => {
  using rig = await proxiedApp(parseTrustProxyEnv({ TRUST_PROXY: "10.0.0.0/8, fd00::/8" }));
  // straight from the internet, claiming to be someone else: the peer is the client
  await expectError(await rig.login("kim", "wrong", "198.51.100.9", "203.0.113.50"), 401);
  // through two trusted proxies, with a spoofed hop in front of the real client
  await expectError(await rig.login("kim", "wrong", PROXY, "1.2.3.4, 203.0.113.7, 10.1.2.3"), 401);
  assert.deepEqual(await rig.failedFrom(), ["198.51.100.9", "203.0.113.7"]);
});
