import assert from "node:assert/strict";
import {
  REDACTED,
  redactText,
  redactValue,
  registerSecret,
  registerSecretsFromEnv,
  scrub,
} from "@/core/obs/redact.ts";
import { Secret } from "@/core/notify/mod.ts";

Deno.test("redactText replaces the longest secret first, so none is left half-shown", () => {
  assert.equal(
    redactText("url http://h/abc/abcdef end", ["abc", "http://h/abc/abcdef"]),
    "url [redacted] end",
  );
});

Deno.test("fields named like secrets are masked when they hold text, whatever the text", () => {
  const out = redactValue({
    password: "hunter2",
    appSecret: "x",
    refresh_token: "r",
    Authorization: "Basic abc",
    headers: { cookie: "sid=1", "x-api-key": "k" },
    webhookUrl: "https://example.test/hook",
    tokenExpiresAt: 1_700_000_000_000,
    idempotencyKey: "strategy:ma-cross:2026-12-03:005930",
    symbol: "005930",
  });
  assert.deepEqual(out, {
    password: REDACTED,
    appSecret: REDACTED,
    refresh_token: REDACTED,
    Authorization: REDACTED,
    headers: { cookie: REDACTED, "x-api-key": REDACTED },
    webhookUrl: REDACTED,
    tokenExpiresAt: 1_700_000_000_000,
    idempotencyKey: "strategy:ma-cross:2026-12-03:005930",
    symbol: "005930",
  });
});

Deno.test("credential shapes are scrubbed from any text", () => {
  const jwt = "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJ1MSJ9.c2lnbmF0dXJlX2J5dGVz";
  const cases: [string, string][] = [
    [`token was ${jwt} here`, `token was ${REDACTED} here`],
    ["header Bearer abcdefgh12345678", `header Bearer ${REDACTED}`],
    [
      "POST https://api.telegram.org/bot123456789:AAEhBP0av28kYqR7SxSo5c9jYyU1fFsjDuQ/sendMessage",
      `POST https://api.telegram.org/bot${REDACTED}/sendMessage`,
    ],
    [
      "to https://hooks.slack.com/services/T000/B000/XXXXXXXX failed",
      `to https://${REDACTED} failed`,
    ],
    [
      "GET /oauth?client=1&access_token=abc.def&x=2",
      `GET /oauth?client=1&access_token=${REDACTED}&x=2`,
    ],
  ];
  for (const [input, expected] of cases) assert.equal(scrub(input), expected);
});

Deno.test("registered secrets are scrubbed from messages, errors and nested values", () => {
  const secret = "kis-app-secret-0123456789";
  assert.equal(registerSecret(secret), true);
  const out = JSON.stringify(redactValue({
    msg: `signing with ${secret}`,
    error: new Error(`request failed: ${secret}`, { cause: new Error(secret) }),
    list: [{ note: secret }],
  }));
  assert.equal(out.includes(secret), false, out);
  assert.equal(out.split(REDACTED).length - 1 >= 4, true, out);
});

Deno.test("short values are not registered, so ordinary text stays readable", () => {
  assert.equal(registerSecret("abc"), false);
  assert.equal(scrub("abc order placed"), "abc order placed");
});

Deno.test("secrets are registered from the environment by variable name", () => {
  const names = registerSecretsFromEnv({
    KIS_APP_SECRET: "env-secret-value-123",
    KIS_APP_KEY: "env-app-key-value-456",
    JWT_SECRET: "short",
    KIS_ACCOUNT: "12345678-01",
    PORT: "8000",
  });
  assert.deepEqual(names.sort(), ["KIS_APP_KEY", "KIS_APP_SECRET"]);
  assert.equal(scrub("key env-app-key-value-456"), `key ${REDACTED}`);
  assert.equal(scrub("account 12345678-01"), "account 12345678-01");
});

Deno.test("a secret URL's path and query are masked without its host, as error pages quote them", () => {
  registerSecretsFromEnv({
    NOTIFY_WEBHOOK_URL: "https://hooks.example/in/Zq81hGdkPw02LmXv?sig=Yt5rWq9a",
    SLACK_WEBHOOK_URL: "https://user:pa%24%24word99@chat.example/",
  });
  assert.equal(
    scrub("502 Bad Gateway: POST /in/Zq81hGdkPw02LmXv?sig=Yt5rWq9a"),
    `502 Bad Gateway: POST ${REDACTED}`,
  );
  assert.equal(scrub("GET /in/Zq81hGdkPw02LmXv"), `GET ${REDACTED}`);
  assert.equal(scrub("auth pa$$word99 refused"), `auth ${REDACTED} refused`);
  assert.equal(scrub("GET / 200"), "GET / 200", "a bare path stays");
});

Deno.test("a Secret, a cycle and deep nesting are written safely", () => {
  const cyclic: Record<string, unknown> = { name: "a" };
  cyclic.self = cyclic;
  let deep: Record<string, unknown> = { leaf: 1 };
  for (let i = 0; i < 12; i++) deep = { next: deep };
  const out = redactValue({ hook: new Secret("https://x/bot1:y"), cyclic, deep }) as Record<
    string,
    unknown
  >;
  assert.equal(out.hook, REDACTED);
  assert.deepEqual(out.cyclic, { name: "a", self: "[cycle]" });
  assert.match(JSON.stringify(out.deep), /nested too deep/);
});
