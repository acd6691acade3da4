import assert from "node:assert/strict";
import {
  ACCESS_TOKEN_SECONDS,
  AccessTokens,
  CLOCK_LEEWAY_SECONDS,
  InvalidTokenError,
  VERIFIED_TOKENS_KEPT,
} from "@/core/auth/jwt.ts";
import { TEST_SECRET } from "./_auth.ts";

const subject = { userId: "u1", username: "kim", role: "viewer" as const, tokenVersion: 0 };

/** Counts WebCrypto signature checks while `body` runs. */
async function countingVerifies<T>(body: (count: () => number) => Promise<T>): Promise<T> {
  const real = crypto.subtle.verify;
  let calls = 0;
  crypto.subtle.verify = function (...args: Parameters<typeof real>) {
    calls++;
    return real.apply(crypto.subtle, args);
  };
  try {
    return await body(() => calls);
  } finally {
    crypto.subtle.verify = real;
  }
}

Deno.test("a verified token is answered again without checking its signature, and its expiry is still checked every time", async () => {
  let now = Date.UTC(2026, 11, 3, 1, 0, 0);
  const tokens = new AccessTokens(TEST_SECRET, () => now);
  const token = await tokens.sign(subject);
  await countingVerifies(async (count) => {
    const first = await tokens.verify(token);
    assert.equal(count(), 1);
    assert.deepEqual(await tokens.verify(token), first);
    assert.equal(count(), 1, "the second use did not check the signature again");
    now += (ACCESS_TOKEN_SECONDS + CLOCK_LEEWAY_SECONDS) * 1000;
    await assert.rejects(tokens.verify(token), (e) => e instanceof InvalidTokenError);
    await assert.rejects(tokens.verify(token), (e) => e instanceof InvalidTokenError);
    assert.equal(count(), 2, "an expired token is forgotten, then refused on its signature check");
  });
});

Deno.test("a token with a bad signature is checked and refused every time, never remembered", async () => {
  const tokens = new AccessTokens(TEST_SECRET);
  const token = await tokens.sign(subject);
  const dot = token.lastIndexOf(".");
  const forged = `${token.slice(0, dot + 1)}${token[dot + 1] === "A" ? "B" : "A"}${
    token.slice(dot + 2)
  }`;
  await countingVerifies(async (count) => {
    for (let i = 1; i <= 3; i++) {
      await assert.rejects(tokens.verify(forged), (e) => e instanceof InvalidTokenError);
      assert.equal(count(), i);
    }
  });
});

Deno.test("what one secret verified is not remembered by tokens of another secret", async () => {
  const token = await new AccessTokens(TEST_SECRET).sign(subject);
  const other = new AccessTokens("another-secret-of-32-bytes-length!!");
  await assert.rejects(other.verify(token), (e) => e instanceof InvalidTokenError);
  await new AccessTokens(TEST_SECRET).verify(token);
  await assert.rejects(other.verify(token), (e) => e instanceof InvalidTokenError);
});

Deno.test("at most VERIFIED_TOKENS_KEPT tokens are remembered; the oldest is checked again", async () => {
  const tokens = new AccessTokens(TEST_SECRET);
  const signed: string[] = [];
  for (let i = 0; i <= VERIFIED_TOKENS_KEPT; i++) {
    signed.push(await tokens.sign({ ...subject, userId: `u${i}` }));
  }
  for (const token of signed) await tokens.verify(token);
  await countingVerifies(async (count) => {
    await tokens.verify(signed.at(-1)!);
    assert.equal(count(), 0);
    await tokens.verify(signed[0]!);
    assert.equal(count(), 1, "the first was dropped when the limit was passed");
  });
});
