import assert from "node:assert/strict";
import { ConfigError, configSummary, envVariables, parseAppEnv } from "@/core/config/env.ts";
import { configureLog, consoleWriter, log } from "@/core/obs/log.ts";
import { maskSecret, REDACTED } from "@/core/obs/redact.ts";

/** Real-looking values for every secret the schema knows, each distinct and long. */
const SECRETS: Record<string, string> = {
  JWT_SECRET: "q7Vn2mXc9LpR4tYw8zKb6HdJ3sFgA1eU0oNiCvBx",
  ADMIN_PASSWORD: "correct-horse-battery-staple-42",
  METRICS_TOKEN: "m3tr1cs-T0ken-9f8e7d6c5b4a3210",
  KIS_APP_KEY: "PSabcdefghijklmnopqrstuvwxyz012345",
  KIS_APP_SECRET: "kisSecretZ9Y8X7W6V5U4T3S2R1Q0P9O8N7M6L5K4J3",
  DENO_KV_ACCESS_TOKEN: "ddp_kvAccessToken1234567890abcdefXYZ",
  NOTIFY_WEBHOOK_URL: "https://hooks.example.com/in/9a8b7c6d5e4f3a2b1c0d",
  NOTIFY_WEBHOOK_SECRET: "webhook-signing-secret-5566",
  TELEGRAM_BOT_TOKEN: "123456789:AAHfiqksKZ8WmR2zSjiQ7_v4TMAKdiHm9T0",
  SLACK_WEBHOOK_URL: "https://hooks.slack.com/services/T0001/B0002/XXXXsecretYYYY",
  KAKAO_REST_API_KEY: "kakaoRestApiKey0123456789abcdef",
  KAKAO_ACCESS_TOKEN: "kakaoAccessToken-abcdefghij0123456789",
  KAKAO_REFRESH_TOKEN: "kakaoRefreshToken-zyxwvutsrq9876543210",
  KAKAO_CLIENT_SECRET: "kakaoClientSecret-0a1b2c3d4e5f",
};

const FULL_ENV: Record<string, string> = {
  ...SECRETS,
  APP_ENV: "prod",
  KIS_ACCOUNT: "12345678-01",
  TELEGRAM_CHAT_ID: "-1001234567",
  KAKAO_LINK_URL: "https://yeouido.example",
  PORT: "8080",
};

Deno.test("every variable whose name says secret is a secret of the schema, and only those are masked", () => {
  const secretNamed = /SECRET|PASSWORD|TOKEN|APP_KEY|API_KEY|WEBHOOK/;
  for (const { name, secret } of envVariables()) {
    assert.equal(secret, secretNamed.test(name), name);
  }
  assert.deepEqual(
    envVariables().filter((v) => v.secret).map((v) => v.name).sort(),
    Object.keys(SECRETS).sort(),
  );
});

Deno.test("one parse reports every bad variable at once, naming each, never a value", () => {
  const env = {
    APP_ENV: "prod",
    ADMIN_PASSWORD: "changeme",
    METRICS_TOKEN: "changeme",
    PORT: "eighty",
    LOG_LEVEL: "loud",
    ROLE: "trader",
    KIS_APP_KEY: "PSonlyTheKeyWasSet0123",
    NOTIFY_WEBHOOK_URL: "https://hooks.example.com/in/1",
  };
  let error: unknown;
  try {
    parseAppEnv(env);
  } catch (caught) {
    error = caught;
  }
  assert.ok(error instanceof ConfigError);
  const named = [
    "JWT_SECRET must be set when APP_ENV=prod",
    "ADMIN_PASSWORD is weak",
    "METRICS_TOKEN is weak",
    "PORT must be a number",
    "LOG_LEVEL must be debug, info, warn or error",
    "ROLE must be all, web or worker",
    "KIS_APP_SECRET, KIS_ACCOUNT not set",
    "NOTIFY_WEBHOOK_SECRET must be set too",
  ];
  for (const text of named) {
    assert.ok(error.problems.some((problem) => problem.includes(text)), text);
  }
  assert.equal(error.problems.length, named.length, error.problems.join("\n"));
  assert.ok(!error.message.includes("changeme") && !error.message.includes("PSonly"));
});

Deno.test("the parsed config has every area's settings", () => {
  const config = parseAppEnv(FULL_ENV);
  assert.equal(config.server.port, 8080);
  assert.equal(config.auth.appEnv, "prod");
  assert.equal(config.metrics.token, SECRETS.METRICS_TOKEN);
  assert.equal(config.role, "all");
  assert.equal(config.runtime.mode, "kis");
  assert.deepEqual(config.notify.channels.map((c) => c.type), [
    "webhook",
    "telegram",
    "slack",
    "kakao",
  ]);
});

Deno.test("the start-up summary shows every setting and no secret; the log line keeps only the masks", () => {
  const summary = configSummary(FULL_ENV);
  assert.deepEqual(Object.keys(summary).sort(), envVariables().map((v) => v.name).sort());
  assert.equal(summary.PORT, 8080);
  assert.equal(summary.LOG_LEVEL, "debug", "defaults are shown");
  assert.equal(summary.KIS_HTS_ID, null);
  assert.equal(summary.JWT_SECRET, `set (****${SECRETS.JWT_SECRET!.slice(-4)})`);
  const lines: string[] = [];
  configureLog({ write: (line) => lines.push(line) });
  try {
    log("info", "config", { settings: summary });
    log("info", "leak", { settings: { JWT_SECRET: SECRETS.JWT_SECRET } });
  } finally {
    configureLog({ write: consoleWriter });
  }
  const [line, leak] = lines.map((text) => JSON.parse(text));
  assert.deepEqual(line.settings, summary, "the masks pass the redaction layer unchanged");
  assert.equal(leak.settings.JWT_SECRET, REDACTED, "a raw secret in the same field does not");
  for (const [name, value] of Object.entries(SECRETS)) {
    assert.ok(!lines.join("\n").includes(value), `${name}'s value is not printed`);
    assert.ok(!JSON.stringify(summary).includes(value), name);
  }
});

Deno.test("a secret is masked as unset, or set with at most its last four characters", () => {
  assert.equal(maskSecret(undefined), "unset");
  assert.equal(maskSecret(""), "unset");
  assert.equal(maskSecret("short-secret"), "set (****)");
  assert.equal(maskSecret("0123456789abcdefWXYZ"), "set (****WXYZ)");
});
