import assert from "node:assert/strict";
import {
  DELIVERY_HEADER,
  Secret,
  SIGNATURE_HEADER,
  signWebhook,
  TIMESTAMP_HEADER,
  verifyWebhookRequest,
  verifyWebhookSignature,
  WebhookChannel,
} from "../../core/notify/mod.ts";
import { note, recordingServer } from "./_support.ts";

const SECRET = "whsec_test_0123456789abcdef";
const NOW_MS = Date.UTC(2026, 11, 3, 6, 0, 0);
const NOW_S = NOW_MS / 1000;

Deno.test("a signature made by signWebhook verifies, and any change is refused", async (t) => {
  const body = JSON.stringify({ id: "alert-1", title: "손절" });
  const signature = await signWebhook(SECRET, NOW_S, body);
  assert.match(signature, /^sha256=[0-9a-f]{64}$/);
  const signed = { timestamp: String(NOW_S), signature, body };

  await t.step("the untouched request verifies", async () => {
    assert.deepEqual(await verifyWebhookSignature(SECRET, signed, { nowMs: NOW_MS }), {
      ok: true,
      timestamp: NOW_S,
    });
  });
  await t.step("a changed body is a mismatch", async () => {
    const verdict = await verifyWebhookSignature(SECRET, { ...signed, body: body + " " }, {
      nowMs: NOW_MS,
    });
    assert.deepEqual(verdict, { ok: false, reason: "mismatch" });
  });
  await t.step("a changed timestamp is a mismatch, even inside the window", async () => {
    const verdict = await verifyWebhookSignature(SECRET, {
      ...signed,
      timestamp: String(NOW_S + 1),
    }, { nowMs: NOW_MS });
    assert.deepEqual(verdict, { ok: false, reason: "mismatch" });
  });
  await t.step("another secret is a mismatch", async () => {
    const verdict = await verifyWebhookSignature("other-secret", signed, { nowMs: NOW_MS });
    assert.deepEqual(verdict, { ok: false, reason: "mismatch" });
  });
  await t.step("a replay after the window is stale", async () => {
    const verdict = await verifyWebhookSignature(SECRET, signed, { nowMs: NOW_MS + 301_000 });
    assert.deepEqual(verdict, { ok: false, reason: "stale" });
  });
  await t.step("missing or malformed headers are refused before any HMAC", async () => {
    assert.deepEqual(
      await verifyWebhookSignature(SECRET, { ...signed, signature: null }, { nowMs: NOW_MS }),
      { ok: false, reason: "missing" },
    );
    assert.deepEqual(
      await verifyWebhookSignature(SECRET, { ...signed, signature: "sha1=abc" }, {
        nowMs: NOW_MS,
      }),
      { ok: false, reason: "malformed" },
    );
    assert.deepEqual(
      await verifyWebhookSignature(SECRET, { ...signed, timestamp: "soon" }, { nowMs: NOW_MS }),
      { ok: false, reason: "malformed" },
    );
  });
});

Deno.test("the webhook channel posts signed JSON that the receiver's verifier accepts", async () => {
  const verdicts: unknown[] = [];
  await using server = recordingServer(async (request) => {
    const replay = new Request("http://receiver/hook", {
      method: request.method,
      headers: request.headers,
      body: request.body,
    });
    verdicts.push(await verifyWebhookRequest(SECRET, replay, { nowMs: NOW_MS }));
    return new Response(null, { status: 204 });
  });
  const channel = new WebhookChannel({
    url: new Secret(`${server.url}/hooks/yeouido`),
    secret: new Secret(SECRET),
    now: () => NOW_MS,
  });
  const result = await channel.send(note({ link: "https://example.com/orders/1" }));
  assert.deepEqual(result, { status: "delivered" });
  const [request] = server.requests;
  assert.equal(request?.method, "POST");
  assert.equal(request?.path, "/hooks/yeouido");
  assert.equal(request?.headers.get("content-type"), "application/json; charset=utf-8");
  assert.equal(request?.headers.get(TIMESTAMP_HEADER), String(NOW_S));
  assert.match(request?.headers.get(SIGNATURE_HEADER) ?? "", /^sha256=[0-9a-f]{64}$/);
  assert.equal(request?.headers.get(DELIVERY_HEADER), "alert-1");
  assert.deepEqual(JSON.parse(request!.body), {
    type: "yeouido.notification",
    id: "alert-1",
    kind: "alert",
    severity: "info",
    title: "삼성전자 손절 발동",
    body: "005930 at 71,000 KRW (-5.2%) sold 10 shares.",
    link: "https://example.com/orders/1",
    sentAt: new Date(NOW_MS).toISOString(),
  });
  assert.equal((verdicts[0] as { ok: boolean }).ok, true);
});

Deno.test("webhook failures: 5xx and 429 are retryable (with Retry-After), other 4xx permanent", async () => {
  const answers = [
    new Response("busy", { status: 503 }),
    new Response("slow down", { status: 429, headers: { "retry-after": "12" } }),
    new Response("gone", { status: 410 }),
  ];
  await using server = recordingServer((_request, index) => answers[index]!);
  const channel = new WebhookChannel({
    url: new Secret(`${server.url}/hook`),
    secret: new Secret(SECRET),
  });
  assert.deepEqual(await channel.send(note()), {
    status: "retryable",
    reason: "webhook answered HTTP 503: busy",
  });
  assert.deepEqual(await channel.send(note()), {
    status: "retryable",
    reason: "webhook answered HTTP 429: slow down",
    retryAfterMs: 12_000,
  });
  assert.deepEqual(await channel.send(note()), {
    status: "permanent",
    reason: "webhook answered HTTP 410: gone",
  });
});
