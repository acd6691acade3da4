import assert from "node:assert/strict";
import { postOnce, retryAfterMsOf } from "../../core/notify/http.ts";
import { recordingServer } from "./_support.ts";

Deno.test("Retry-After in seconds or as an HTTP date; anything else is ignored", () => {
  const now = Date.parse("2026-12-03T05:00:00Z");
  assert.equal(retryAfterMsOf("30", now), 30_000);
  assert.equal(retryAfterMsOf("Thu, 03 Dec 2026 05:01:30 GMT", now), 90_000);
  assert.equal(retryAfterMsOf("Thu, 03 Dec 2026 04:00:00 GMT", now), 0);
  assert.equal(retryAfterMsOf("soon", now), undefined);
  assert.equal(retryAfterMsOf(null, now), undefined);
});

Deno.test("a request that outlives its timeout is retryable, its URL redacted", async () => {
  let release = () => {};
  const held = new Promise<void>((resolve) => release = resolve);
  await using server = recordingServer(async () => {
    await held;
    return new Response("late");
  });
  const url = `${server.url}/hook/secret-path-token`;
  const result = await postOnce(url, { headers: {}, body: "{}", secrets: [], timeoutMs: 50 });
  release();
  assert.ok("reason" in result && result.status === "retryable");
  assert.match(result.reason, /^network: /);
  assert.ok(!result.reason.includes("secret-path-token"));
});
