import assert from "node:assert/strict";
import {
  buildChannels,
  type JobOutcome,
  KAKAO_MEMO_PATH,
  Notifier,
  parseNotifyEnv,
} from "../../core/notify/mod.ts";
import { log } from "../../core/obs/log.ts";
import { assertNoSecrets, capturingLogs, note, recordingServer } from "./_support.ts";

const BOT_TOKEN = "987654:AAH-leakcheck-bot-token";
const SLACK_PATH = "/services/TLEAK/BLEAK/slackleakcheckpath";
const HOOK_TOKEN = "hookleakchecktoken";
const HOOK_SECRET = "hookleakcheck-hmac-secret";
const KAKAO_KEY = "kakaoleakcheckrestkey";
const KAKAO_OLD_ACCESS = "kakaoleakcheckaccess-old";
const KAKAO_NEW_ACCESS = "kakaoleakcheckaccess-new";
const KAKAO_REFRESH = "kakaoleakcheckrefresh";
const KAKAO_NEW_REFRESH = "kakaoleakcheckrefresh-new";

const SECRETS = [
  BOT_TOKEN,
  BOT_TOKEN.split(":")[1]!,
  SLACK_PATH,
  "slackleakcheckpath",
  HOOK_TOKEN,
  HOOK_SECRET,
  KAKAO_KEY,
  KAKAO_OLD_ACCESS,
  KAKAO_NEW_ACCESS,
  KAKAO_REFRESH,
  KAKAO_NEW_REFRESH,
];

/**
 * One loopback peer for every service, each failing first the way it does in production:
 * Telegram flood control, the webhook a 500 echoing nothing secret, Kakao a 401 (then a refresh
 * that rotates both tokens). Slack points at a closed port, so its errors are network errors,
 * whose text quotes the URL.
 */
function peers() {
  let telegramCalls = 0;
  let hookCalls = 0;
  let kakaoAccess = KAKAO_OLD_ACCESS + "-revoked";
  return recordingServer((request) => {
    if (request.path === `/bot${BOT_TOKEN}/sendMessage`) {
      return telegramCalls++ === 0
        ? Response.json({
          ok: false,
          error_code: 429,
          description: "Too Many Requests: retry after 0",
          parameters: { retry_after: 0 },
        }, { status: 429 })
        : Response.json({ ok: true, result: { message_id: 1 } });
    }
    if (request.path === "/hooks/in") {
      return hookCalls++ === 0
        ? new Response("internal", { status: 500 })
        : new Response(null, { status: 204 });
    }
    if (request.path === "/oauth/token") {
      kakaoAccess = KAKAO_NEW_ACCESS;
      return Response.json({
        token_type: "bearer",
        access_token: KAKAO_NEW_ACCESS,
        expires_in: 21599,
        refresh_token: KAKAO_NEW_REFRESH,
        refresh_token_expires_in: 5183999,
      });
    }
    if (request.path === KAKAO_MEMO_PATH) {
      return request.headers.get("authorization") === `Bearer ${kakaoAccess}`
        ? Response.json({ result_code: 0 })
        : Response.json({ msg: "this access token does not exist", code: -401 }, { status: 401 });
    }
    return new Response("not found", { status: 404 });
  });
}

Deno.test("no token, key, secret or secret-bearing URL reaches the log, through every failure path", async () => {
  await using server = peers();
  const closed = Deno.listen({ hostname: "127.0.0.1", port: 0 });
  const closedPort = (closed.addr as Deno.NetAddr).port;
  closed.close();
  const settings = parseNotifyEnv({
    NOTIFY_WEBHOOK_URL: `${server.url}/hooks/in?token=${HOOK_TOKEN}`,
    NOTIFY_WEBHOOK_SECRET: HOOK_SECRET,
    TELEGRAM_BOT_TOKEN: BOT_TOKEN,
    TELEGRAM_CHAT_ID: "42",
    TELEGRAM_API_URL: server.url,
    SLACK_WEBHOOK_URL: `http://127.0.0.1:${closedPort}${SLACK_PATH}`,
    KAKAO_REST_API_KEY: KAKAO_KEY,
    KAKAO_ACCESS_TOKEN: KAKAO_OLD_ACCESS,
    KAKAO_REFRESH_TOKEN: KAKAO_REFRESH,
    KAKAO_LINK_URL: "https://yeouido.example.com",
    KAKAO_API_URL: server.url,
    KAKAO_AUTH_URL: server.url,
  });
  const kv = await Deno.openKv(":memory:");
  const outcomes: JobOutcome[] = [];
  const notifier = new Notifier({
    kv,
    channels: buildChannels(settings.channels, { kv }),
    retry: { maxAttempts: 3, baseMs: 5, maxMs: 20 },
    observe: (outcome) => outcomes.push(outcome),
  });
  const output = await capturingLogs(async () => {
    log("info", "notification settings", { settings });
    const listening = notifier.listen();
    await notifier.notify(note({ kind: "error", severity: "critical" }));
    const deadline = Date.now() + 5_000;
    const settled = () =>
      outcomes.filter((o) => o.outcome === "delivered" || o.outcome === "failed").length;
    while (settled() < 4 && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
    kv.close();
    await listening;
  });
  const final = Object.fromEntries(
    outcomes.filter((o) => o.outcome === "delivered" || o.outcome === "failed")
      .map((o) => [(o as { channel: string }).channel, o.outcome]),
  );
  assert.deepEqual(final, {
    webhook: "delivered",
    telegram: "delivered",
    kakao: "delivered",
    slack: "failed",
  });
  assert.match(output, /"outcome":"retrying"/);
  assert.match(output, /network: /);
  assertNoSecrets(output, SECRETS);
});
