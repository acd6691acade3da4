import assert from "node:assert/strict";
import { buildChannels, parseNotifyEnv, Secret } from "../../core/notify/mod.ts";

const FULL = {
  NOTIFY_QUIET_HOURS: "22:00-07:00",
  NOTIFY_WEBHOOK_URL: "https://receiver.example.com/hooks/abc?token=hooktoken123",
  NOTIFY_WEBHOOK_SECRET: "0123456789abcdef0123",
  TELEGRAM_BOT_TOKEN: "123456:AAH-bot-token",
  TELEGRAM_CHAT_ID: "-1001234567890",
  SLACK_WEBHOOK_URL: "https://hooks.slack.com/services/T000/B000/slacksecretpath",
  KAKAO_REST_API_KEY: "kakaorestkey123",
  KAKAO_ACCESS_TOKEN: "kakaoaccess123",
  KAKAO_REFRESH_TOKEN: "kakaorefresh123",
  KAKAO_LINK_URL: "https://yeouido.example.com",
};

Deno.test("no variables: no channels and no quiet hours", () => {
  assert.deepEqual(parseNotifyEnv({}), { channels: [], quietHours: null });
  assert.deepEqual(parseNotifyEnv({ SLACK_WEBHOOK_URL: "" }), { channels: [], quietHours: null });
});

Deno.test("every channel configured: four channels, secrets wrapped, defaults filled", () => {
  const settings = parseNotifyEnv(FULL);
  assert.deepEqual(settings.quietHours, { startMinute: 1320, endMinute: 420 });
  assert.deepEqual(settings.channels.map((c) => c.type), ["webhook", "telegram", "slack", "kakao"]);
  const telegram = settings.channels[1];
  assert.ok(telegram?.type === "telegram");
  assert.ok(telegram.botToken instanceof Secret);
  assert.equal(telegram.botToken.reveal(), FULL.TELEGRAM_BOT_TOKEN);
  assert.equal(telegram.apiUrl, "https://api.telegram.org");
  const kakao = settings.channels[3];
  assert.ok(kakao?.type === "kakao");
  assert.equal(kakao.apiUrl, "https://kapi.kakao.com");
  assert.equal(kakao.authUrl, "https://kauth.kakao.com");
  const printed = JSON.stringify(settings) + Deno.inspect(settings, { depth: 10 });
  for (
    const name of Object.keys(FULL).filter((n) =>
      n !== "NOTIFY_QUIET_HOURS" && n !== "KAKAO_LINK_URL" && n !== "TELEGRAM_CHAT_ID"
    )
  ) {
    assert.ok(!printed.includes(FULL[name as keyof typeof FULL]), `${name} printed`);
  }
});

Deno.test("a half-configured channel names what is missing", () => {
  assert.throws(
    () => parseNotifyEnv({ TELEGRAM_BOT_TOKEN: "1:abc" }),
    /TELEGRAM_CHAT_ID must be set too/,
  );
  assert.throws(
    () => parseNotifyEnv({ KAKAO_REST_API_KEY: "k", KAKAO_ACCESS_TOKEN: "a" }),
    /KAKAO_REFRESH_TOKEN, KAKAO_LINK_URL must be set too/,
  );
});

Deno.test("malformed values are refused by name, never quoting the value", () => {
  const attempt = () =>
    parseNotifyEnv({
      SLACK_WEBHOOK_URL: "not a url slacksecret",
      TELEGRAM_BOT_TOKEN: "tokenwithoutcolon-secret",
      TELEGRAM_CHAT_ID: "1",
      NOTIFY_WEBHOOK_URL: "https://h/x",
      NOTIFY_WEBHOOK_SECRET: "short",
    });
  assert.throws(attempt, (error: Error) => {
    assert.match(error.message, /SLACK_WEBHOOK_URL/);
    assert.match(error.message, /TELEGRAM_BOT_TOKEN/);
    assert.match(error.message, /NOTIFY_WEBHOOK_SECRET must be at least 16 characters/);
    assert.ok(!error.message.includes("slacksecret"));
    assert.ok(!error.message.includes("tokenwithoutcolon"));
    assert.ok(!error.message.includes('short"'));
    return true;
  });
  assert.throws(() => parseNotifyEnv({ NOTIFY_QUIET_HOURS: "late" }), /NOTIFY_QUIET_HOURS/);
});

Deno.test("buildChannels makes one named channel per setting", async () => {
  using kv = await Deno.openKv(":memory:");
  const channels = buildChannels(parseNotifyEnv(FULL).channels, { kv });
  assert.deepEqual(channels.map((c) => c.name), ["webhook", "telegram", "slack", "kakao"]);
});
