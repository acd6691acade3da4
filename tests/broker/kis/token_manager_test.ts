import assert from "node:assert/strict";
import { KisError, TokenManager } from "../../../core/broker/kis/mod.ts";
import { SteppedClock } from "../../_support/clocks.ts";

/** A KST wall-clock string `hours` after `epochMs`. */
function kstPlus(epochMs: number, hours: number): string {
  const shifted = new Date(epochMs + (9 + hours) * 3_600_000).toISOString();
  return `${shifted.slice(0, 10)} ${shifted.slice(11, 19)}`;
}

/**
 * A loopback token endpoint that counts issuances and can answer EGW00133 like KIS; `await using`
 * shuts it down.
 */
function tokenServer(options: { throttle?: boolean } = {}) {
  let issued = 0;
  const server = Deno.serve({ hostname: "127.0.0.1", port: 0, onListen() {} }, async (request) => {
    const body = await request.json();
    assert.equal(new URL(request.url).pathname, "/oauth2/tokenP");
    assert.equal(body.grant_type, "client_credentials");
    if (options.throttle) {
      return Response.json({
        error_code: "EGW00133",
        error_description: "접근토큰 발급 잠시 후 다시 시도하세요(1분당 1회)",
      }, { status: 403 });
    }
    issued++;
    return Response.json({
      access_token: `token-${issued}-${body.appkey}`,
      token_type: "Bearer",
      expires_in: 86400,
      access_token_token_expired: kstPlus(Date.now(), 24),
    });
  });
  return {
    url: `http://127.0.0.1:${server.addr.port}`,
    issued: () => issued,
    [Symbol.asyncDispose]: () => server.shutdown(),
  };
}

const credentials = { appKey: "PSdemoAppKey000000000000000000000000", appSecret: "secret" };

Deno.test("two managers sharing one KV issue one token between them", async () => {
  using kv = await Deno.openKv(":memory:");
  await using server = tokenServer();
  const a = new TokenManager({ kv, restUrl: server.url, credentials, pollMs: 10 });
  const b = new TokenManager({ kv, restUrl: server.url, credentials, pollMs: 10 });
  const tokens = await Promise.all([a.get(), b.get(), a.get(), b.get()]);
  assert.equal(server.issued(), 1);
  assert.deepEqual(new Set(tokens), new Set([`token-1-${credentials.appKey}`]));
  assert.equal(await b.get(), tokens[0]);
  assert.equal(server.issued(), 1);
});

Deno.test("an invalidated token is replaced once the issuance interval allows", async () => {
  using kv = await Deno.openKv(":memory:");
  await using server = tokenServer();
  const manager = new TokenManager({ kv, restUrl: server.url, credentials, minIssueIntervalMs: 0 });
  const first = await manager.get();
  await manager.invalidate(first);
  const second = await manager.get();
  assert.notEqual(second, first);
  assert.equal(server.issued(), 2);
});

Deno.test("invalidating a token another process already replaced keeps the new one", async () => {
  using kv = await Deno.openKv(":memory:");
  await using server = tokenServer();
  const manager = new TokenManager({ kv, restUrl: server.url, credentials, minIssueIntervalMs: 0 });
  const first = await manager.get();
  await manager.invalidate(first);
  const second = await manager.get();
  await manager.invalidate(first);
  assert.equal(await manager.get(), second);
  assert.equal(server.issued(), 2);
});

Deno.test("a held token is served from memory, and once refused the retry takes the one another process stored", async () => {
  using kv = await Deno.openKv(":memory:");
  await using server = tokenServer();
  const a = new TokenManager({ kv, restUrl: server.url, credentials, minIssueIntervalMs: 0 });
  const b = new TokenManager({ kv, restUrl: server.url, credentials, minIssueIntervalMs: 0 });
  const first = await a.get();
  const reads: unknown[] = [];
  const getMany = kv.getMany.bind(kv);
  kv.getMany = ((keys: Deno.KvKey[]) => (reads.push(keys), getMany(keys))) as typeof kv.getMany;
  assert.equal(await a.get(), first);
  assert.deepEqual(reads, [], "no KV read while the held token is valid");
  // another process finds the token refused and issues the next one
  await b.invalidate(first);
  const second = await b.get();
  assert.equal(await a.get(), first, "a has not been refused yet");
  await a.invalidate(first);
  assert.equal(await a.get(), second);
  assert.equal(server.issued(), 2);
});

Deno.test("a token within the refresh margin of its KST expiry is replaced", async () => {
  using kv = await Deno.openKv(":memory:");
  await using server = tokenServer();
  const clock = new SteppedClock(Date.now());
  const manager = new TokenManager({
    kv,
    restUrl: server.url,
    credentials,
    clock,
    refreshMarginMs: 10 * 60_000,
  });
  const first = await manager.get();
  clock.time += 23 * 3_600_000 + 40 * 60_000;
  assert.equal(await manager.get(), first, "20 minutes before expiry the token is kept");
  clock.time += 15 * 60_000;
  assert.notEqual(await manager.get(), first, "5 minutes before expiry it is replaced");
  assert.equal(server.issued(), 2);
});

Deno.test("EGW00133 (HTTP 403, error_code body) becomes a typed rate error and blocks re-issuing", async () => {
  using kv = await Deno.openKv(":memory:");
  await using server = tokenServer({ throttle: true });
  const clock = new SteppedClock();
  const manager = new TokenManager({
    kv,
    restUrl: server.url,
    credentials,
    clock,
    minIssueIntervalMs: 60_000,
    pollMs: 60_000,
  });
  const error = await manager.get().catch((e) => e);
  assert.ok(error instanceof KisError);
  assert.equal(error.msgCd, "EGW00133");
  assert.equal(error.httpStatus, 403);
  assert.equal(error.category, "rate");
  await assert.rejects(manager.get(), KisError);
  assert.equal(
    clock.slept.reduce((sum, ms) => sum + ms, 0),
    60_000,
    "the second attempt waited out the interval first",
  );
});
