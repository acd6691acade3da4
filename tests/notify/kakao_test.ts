import assert from "node:assert/strict";
import {
  KAKAO_MEMO_PATH,
  KAKAO_TEXT_LIMIT,
  KakaoChannel,
  kakaoTemplate,
  type KakaoTokens,
  KvKakaoTokenStore,
  Secret,
} from "../../core/notify/mod.ts";
import { note, recordingServer } from "./_support.ts";

const REST_API_KEY = "kakao-rest-api-key-0123456789";
const FIRST_ACCESS = "access-token-first-AAAA";
const FIRST_REFRESH = "refresh-token-first-RRRR";
const LINK = "https://yeouido.example.com";

interface KakaoPeerOptions {
  /** Send a new refresh token with the refreshed access token (Kakao does when <1 month is left). */
  readonly rotateRefresh?: boolean;
  /** Refuse refresh tokens (KOE322, as for an expired or revoked one). */
  readonly refuseRefresh?: boolean;
  /** Answer the memo call with this instead of the success body, by call index. */
  readonly memoReply?: (index: number) => Response | undefined;
}

/**
 * kapi + kauth on one loopback server. The memo API accepts only the current access token
 * (401 -401 otherwise); /oauth/token swaps a known refresh token for a new access token.
 */
function kakaoPeer(options: KakaoPeerOptions = {}) {
  let access = FIRST_ACCESS;
  let refresh = FIRST_REFRESH;
  let issued = 0;
  let memoCalls = 0;
  const server = recordingServer((request) => {
    const form = new URLSearchParams(request.body);
    assert.equal(request.method, "POST");
    assert.equal(
      request.headers.get("content-type"),
      "application/x-www-form-urlencoded;charset=utf-8",
    );
    if (request.path === "/oauth/token") {
      assert.equal(form.get("grant_type"), "refresh_token");
      assert.equal(form.get("client_id"), REST_API_KEY);
      if (options.refuseRefresh || form.get("refresh_token") !== refresh) {
        return Response.json({
          error: "invalid_grant",
          error_description: "Invalid refresh token.",
          error_code: "KOE322",
        }, { status: 400 });
      }
      issued++;
      access = `access-token-${issued}-BBBB`;
      const answer: Record<string, unknown> = {
        token_type: "bearer",
        access_token: access,
        expires_in: 21599,
      };
      if (options.rotateRefresh) {
        refresh = `refresh-token-${issued}-SSSS`;
        answer.refresh_token = refresh;
        answer.refresh_token_expires_in = 5183999;
      }
      return Response.json(answer);
    }
    if (request.path !== KAKAO_MEMO_PATH) {
      return Response.json({ msg: "not found", code: -9 }, { status: 404 });
    }
    if (request.headers.get("authorization") !== `Bearer ${access}`) {
      return Response.json({ msg: "this access token does not exist", code: -401 }, {
        status: 401,
      });
    }
    const template = JSON.parse(form.get("template_object") ?? "null");
    assert.equal(template.object_type, "text");
    assert.ok(Array.from(template.text).length <= KAKAO_TEXT_LIMIT);
    assert.equal(typeof template.link.web_url, "string");
    const special = options.memoReply?.(memoCalls++);
    return special ?? Response.json({ result_code: 0 });
  });
  return Object.assign(server, {
    current: () => ({ access, refresh }),
    issued: () => issued,
  });
}

function channel(url: string, store: KvKakaoTokenStore, now?: () => number): KakaoChannel {
  return new KakaoChannel({
    restApiKey: new Secret(REST_API_KEY),
    initialTokens: {
      accessToken: new Secret(FIRST_ACCESS),
      refreshToken: new Secret(FIRST_REFRESH),
    },
    tokenStore: store,
    linkUrl: LINK,
    apiUrl: url,
    authUrl: url,
    ...(now ? { now } : {}),
  });
}

function memoTemplates(server: ReturnType<typeof kakaoPeer>) {
  return server.requests.filter((r) => r.path === KAKAO_MEMO_PATH).map((r) =>
    JSON.parse(new URLSearchParams(r.body).get("template_object")!)
  );
}

Deno.test("kakao text template: [title] + body cut to 200 code points, link button", () => {
  const template = kakaoTemplate(note({ body: "가😀".repeat(300) }), LINK);
  assert.equal(Array.from(template.text).length, 200);
  assert.ok(template.text.startsWith("[삼성전자 손절 발동]\n가😀"));
  assert.ok(template.text.endsWith("…"));
  assert.deepEqual(template.link, { web_url: LINK, mobile_web_url: LINK });
  const linked = kakaoTemplate(note({ link: "https://yeouido.example.com/orders/7" }), LINK);
  assert.equal(linked.link.web_url, "https://yeouido.example.com/orders/7");
  assert.equal(linked.text, "[삼성전자 손절 발동]\n005930 at 71,000 KRW (-5.2%) sold 10 shares.");
});

Deno.test("kakao sends a memo with the stored access token and a text template", async () => {
  using kv = await Deno.openKv(":memory:");
  await using server = kakaoPeer();
  const store = new KvKakaoTokenStore(kv);
  assert.deepEqual(await channel(server.url, store).send(note()), { status: "delivered" });
  assert.equal(server.issued(), 0);
  assert.deepEqual(memoTemplates(server)[0], kakaoTemplate(note(), LINK));
});

Deno.test("kakao 401 → refresh → resend; the new access token is saved, the refresh token kept", async () => {
  using kv = await Deno.openKv(":memory:");
  await using server = kakaoPeer();
  const store = new KvKakaoTokenStore(kv);
  await store.save({ accessToken: "access-token-revoked-ZZZZ", refreshToken: FIRST_REFRESH });
  const now = 1_800_000_000_000;
  assert.deepEqual(await channel(server.url, store, () => now).send(note()), {
    status: "delivered",
  });
  assert.deepEqual(server.requests.map((r) => r.path), [
    KAKAO_MEMO_PATH,
    "/oauth/token",
    KAKAO_MEMO_PATH,
  ]);
  assert.deepEqual(await store.load(), {
    accessToken: "access-token-1-BBBB",
    accessExpiresAt: now + 21599_000,
    refreshToken: FIRST_REFRESH,
  });
});

Deno.test("kakao refresh that rotates the refresh token persists both new tokens", async () => {
  using kv = await Deno.openKv(":memory:");
  await using server = kakaoPeer({ rotateRefresh: true });
  const store = new KvKakaoTokenStore(kv);
  await store.save({ accessToken: "stale-access-token-YYYY", refreshToken: FIRST_REFRESH });
  assert.deepEqual(await channel(server.url, store).send(note()), { status: "delivered" });
  const saved = await store.load() as KakaoTokens;
  assert.equal(saved.accessToken, server.current().access);
  assert.equal(saved.refreshToken, "refresh-token-1-SSSS");
  assert.equal(typeof saved.refreshExpiresAt, "number");
});

Deno.test("kakao refreshes before sending when the recorded expiry has passed", async () => {
  using kv = await Deno.openKv(":memory:");
  await using server = kakaoPeer();
  const store = new KvKakaoTokenStore(kv);
  const now = 1_800_000_000_000;
  await store.save({
    accessToken: FIRST_ACCESS,
    refreshToken: FIRST_REFRESH,
    accessExpiresAt: now,
  });
  assert.deepEqual(await channel(server.url, store, () => now).send(note()), {
    status: "delivered",
  });
  assert.deepEqual(server.requests.map((r) => r.path), ["/oauth/token", KAKAO_MEMO_PATH]);
});

Deno.test("kakao: a refused refresh token is permanent (the user must log in again)", async () => {
  using kv = await Deno.openKv(":memory:");
  await using server = kakaoPeer({ refuseRefresh: true });
  const store = new KvKakaoTokenStore(kv);
  await store.save({ accessToken: "stale-access-token-YYYY", refreshToken: FIRST_REFRESH });
  assert.deepEqual(await channel(server.url, store).send(note()), {
    status: "permanent",
    reason: "kakao token refresh answered HTTP 400: KOE322: Invalid refresh token.",
  });
  assert.equal((await store.load())?.accessToken, "stale-access-token-YYYY");
});

Deno.test("kakao: -1 (internal error) and 5xx retryable, a bad parameter (-2) permanent", async () => {
  const replies = [
    Response.json({ msg: "internal error", code: -1 }, { status: 400 }),
    new Response("upstream", { status: 503 }),
    Response.json({ msg: "template_object is invalid", code: -2 }, { status: 400 }),
  ];
  using kv = await Deno.openKv(":memory:");
  await using server = kakaoPeer({ memoReply: (index) => replies[index] });
  const kakao = channel(server.url, new KvKakaoTokenStore(kv));
  assert.deepEqual(await kakao.send(note()), {
    status: "retryable",
    reason: "kakao -1: internal error",
  });
  assert.equal((await kakao.send(note())).status, "retryable");
  assert.deepEqual(await kakao.send(note()), {
    status: "permanent",
    reason: "kakao -2: template_object is invalid",
  });
});

Deno.test("kakao: concurrent sends after the token lapsed share one refresh", async () => {
  using kv = await Deno.openKv(":memory:");
  await using server = kakaoPeer({ rotateRefresh: true });
  const store = new KvKakaoTokenStore(kv);
  await store.save({ accessToken: "stale-access-token-YYYY", refreshToken: FIRST_REFRESH });
  const kakao = channel(server.url, store);
  const results = await Promise.all([
    kakao.send(note({ dedupeKey: "a" })),
    kakao.send(note({ dedupeKey: "b" })),
    kakao.send(note({ dedupeKey: "c" })),
  ]);
  assert.deepEqual(results.map((r) => r.status), ["delivered", "delivered", "delivered"]);
  assert.equal(server.issued(), 1);
  assert.equal((await store.load())?.refreshToken, "refresh-token-1-SSSS");
});
