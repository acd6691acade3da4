import assert from "node:assert/strict";
import { parseAuthEnv } from "@/core/config/auth.ts";

const STRONG = "k9VqR2xT7mWp4LzN8cYh3JdF6sBgA1eU";

Deno.test("parseAuthEnv() defaults to dev with no secret and no CORS", () => {
  assert.deepEqual(parseAuthEnv({}), {
    appEnv: "dev",
    jwtSecret: undefined,
    adminPassword: undefined,
    corsOrigins: [],
  });
});

Deno.test("parseAuthEnv() refuses to start outside dev without a strong JWT_SECRET, naming it", () => {
  for (const appEnv of ["prod", "staging"]) {
    assert.throws(() => parseAuthEnv({ APP_ENV: appEnv }), /JWT_SECRET must be set/);
  }
  assert.throws(
    () => parseAuthEnv({ APP_ENV: "prod", JWT_SECRET: "short" }),
    /JWT_SECRET must be at least 32 bytes/,
  );
  assert.throws(
    () => parseAuthEnv({ APP_ENV: "prod", JWT_SECRET: "a".repeat(40) }),
    /JWT_SECRET is a default or weak value/,
  );
  assert.throws(
    () => parseAuthEnv({ APP_ENV: "prod", JWT_SECRET: "please-change-me-to-a-long-random-secret" }),
    /JWT_SECRET is a default or weak value/,
  );
  assert.equal(parseAuthEnv({ APP_ENV: "prod", JWT_SECRET: STRONG }).jwtSecret, STRONG);
});

Deno.test("parseAuthEnv() never puts the secret's value in its message", () => {
  const weak = "changeme-changeme-changeme-changeme";
  assert.throws(() => parseAuthEnv({ APP_ENV: "prod", JWT_SECRET: weak }), (error: Error) => {
    assert.ok(!error.message.includes(weak));
    return true;
  });
});

Deno.test("parseAuthEnv() refuses a weak ADMIN_PASSWORD outside dev, and a bad APP_ENV", () => {
  assert.throws(
    () => parseAuthEnv({ APP_ENV: "prod", JWT_SECRET: STRONG, ADMIN_PASSWORD: "admin" }),
    /ADMIN_PASSWORD is weak/,
  );
  assert.equal(
    parseAuthEnv({ APP_ENV: "prod", JWT_SECRET: STRONG, ADMIN_PASSWORD: "a long Passphrase 7" })
      .adminPassword,
    "a long Passphrase 7",
  );
  assert.equal(parseAuthEnv({ ADMIN_PASSWORD: "admin" }).adminPassword, "admin");
  assert.throws(
    () => parseAuthEnv({ APP_ENV: "production" }),
    /APP_ENV must be dev, staging or prod/,
  );
});

Deno.test("parseAuthEnv() reads CORS_ORIGINS as exact origins", () => {
  assert.deepEqual(
    parseAuthEnv({ CORS_ORIGINS: "https://app.example.com, http://localhost:5173" }).corsOrigins,
    ["https://app.example.com", "http://localhost:5173"],
  );
  for (const bad of ["*", "https://app.example.com/path", "app.example.com", "ftp://x.example"]) {
    assert.throws(() => parseAuthEnv({ CORS_ORIGINS: bad }), /CORS_ORIGINS must be/, bad);
  }
});

Deno.test("parseAuthEnv() reads API_RATE_LIMIT as whole requests per minute", () => {
  assert.equal(parseAuthEnv({ API_RATE_LIMIT: "1200" }).requestsPerMinute, 1200);
  assert.equal(parseAuthEnv({ API_RATE_LIMIT: "" }).requestsPerMinute, undefined);
  for (const bad of ["0", "-5", "1.5", "lots"]) {
    assert.throws(() => parseAuthEnv({ API_RATE_LIMIT: bad }), /API_RATE_LIMIT/, bad);
  }
});
