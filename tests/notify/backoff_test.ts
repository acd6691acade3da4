import assert from "node:assert/strict";
import { DEFAULT_RETRY_POLICY, retryDelayMs } from "../../core/notify/mod.ts";

const policy = { maxAttempts: 5, baseMs: 1_000, maxMs: 5_000 };

Deno.test("backoff doubles per attempt up to the cap, jitter within [half, full]", () => {
  assert.deepEqual([1, 2, 3, 4, 5].map((n) => retryDelayMs(n, policy, () => 0)), [
    500,
    1_000,
    2_000,
    2_500,
    2_500,
  ]);
  assert.deepEqual([1, 2, 3, 4].map((n) => retryDelayMs(n, policy, () => 0.999999)), [
    1_000,
    2_000,
    4_000,
    5_000,
  ]);
});

Deno.test("a service's Retry-After wins when longer than the backoff", () => {
  assert.equal(retryDelayMs(1, policy, () => 0.5, 30_000), 30_000);
  assert.equal(retryDelayMs(3, policy, () => 0.5, 100), 3_000);
});

Deno.test("the default policy spends about an hour over its attempts", () => {
  const total = Array.from(
    { length: DEFAULT_RETRY_POLICY.maxAttempts - 1 },
    (_, i) => retryDelayMs(i + 1, DEFAULT_RETRY_POLICY, () => 1),
  ).reduce((a, b) => a + b, 0);
  assert.ok(total > 50 * 60_000 && total < 80 * 60_000, `total ${total}`);
});
