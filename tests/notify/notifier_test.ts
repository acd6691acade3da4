import assert from "node:assert/strict";
import {
  type FailedRecord,
  type JobOutcome,
  Notifier,
  type NotifierOptions,
  notifyJob,
  notifyKeys,
  parseQuietHours,
  Secret,
  SlackChannel,
  WebhookChannel,
} from "../../core/notify/mod.ts";
import { capturingLogs, note, recordingServer } from "./_support.ts";

/** Epoch ms of a KST wall-clock time. */
const kst = (iso: string) => Date.parse(`${iso}+09:00`);
const HOOK = "/services/T1/B1/hooksecret";
const FAST = { maxAttempts: 4, baseMs: 10, maxMs: 40 };

/** A Slack-compatible webhook answering from `replies` in turn (then `ok`). */
function slackPeer(replies: Response[] = []) {
  return recordingServer((_request, index) => replies[index] ?? new Response("ok"));
}

function notifier(kv: Deno.Kv, url: string, options: Partial<NotifierOptions> = {}) {
  const outcomes: JobOutcome[] = [];
  const instance = new Notifier({
    kv,
    channels: [new SlackChannel({ webhookUrl: new Secret(url + HOOK) })],
    random: () => 0,
    observe: (outcome) => outcomes.push(outcome),
    ...options,
  });
  return { notifier: instance, outcomes };
}

/** Resolves once `done()` holds, polling every 5 ms; fails after `timeoutMs`. */
async function until(done: () => boolean, timeoutMs = 5_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!done()) {
    if (Date.now() > deadline) throw new Error("timed out waiting for the queue");
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}

/** Silences the notifier's log lines for a test that is not about them. */
function quietly<T>(action: () => Promise<T>): Promise<T> {
  let result: T;
  return capturingLogs(async () => {
    result = await action();
  }).then(() => result);
}

Deno.test("quiet hours defer a report until 07:00 KST; an error or a stop-loss goes through", async () => {
  using kv = await Deno.openKv(":memory:");
  await using server = slackPeer();
  const at2300 = kst("2026-12-03T23:00:00");
  const { notifier: n } = notifier(kv, server.url, {
    quietHours: parseQuietHours("22:00-07:00"),
    now: () => at2300,
  });
  await quietly(async () => {
    const report = await n.handle(notifyJob("slack", note({ kind: "report", dedupeKey: "r-1" })));
    assert.deepEqual(report, {
      outcome: "deferred",
      channel: "slack",
      untilMs: kst("2026-12-04T07:00:00"),
    });
    assert.equal(server.requests.length, 0);
    const error = await n.handle(notifyJob("slack", note({ kind: "error", dedupeKey: "e-1" })));
    assert.equal(error.outcome, "delivered");
    const stopLoss = await n.handle(
      notifyJob("slack", note({ severity: "critical", dedupeKey: "a-1" })),
    );
    assert.equal(stopLoss.outcome, "delivered");
    const marked = await n.handle(notifyJob("slack", note({ urgent: true, dedupeKey: "o-1" })));
    assert.equal(marked.outcome, "delivered");
  });
  assert.equal(server.requests.length, 3);
});

Deno.test("a redelivered job never sends twice; a job claimed elsewhere waits", async () => {
  using kv = await Deno.openKv(":memory:");
  await using server = slackPeer();
  const now = Date.now();
  const { notifier: n } = notifier(kv, server.url, { now: () => now, claimMs: 30_000 });
  const job = notifyJob("slack", note());
  await quietly(async () => {
    assert.deepEqual(await n.handle(job), { outcome: "delivered", channel: "slack", attempt: 1 });
    assert.deepEqual(await n.handle(job), { outcome: "duplicate", channel: "slack" });
    assert.deepEqual(await n.handle({ ...job, attempt: 3 }), {
      outcome: "duplicate",
      channel: "slack",
    });
    const other = notifyJob("slack", note({ dedupeKey: "alert-2" }));
    await kv.set(notifyKeys.claim("slack", "alert-2"), { until: now + 10_000 });
    assert.deepEqual(await n.handle(other), {
      outcome: "busy",
      channel: "slack",
      retryInMs: 30_000,
    });
  });
  assert.equal(server.requests.length, 1);
  assert.deepEqual((await kv.get(notifyKeys.sent("slack", "alert-1"))).value, {
    at: now,
    attempt: 1,
  });
});

Deno.test("429 re-enqueues after Retry-After; a 4xx is recorded as a permanent failure", async () => {
  using kv = await Deno.openKv(":memory:");
  await using server = slackPeer([
    new Response("rate_limited", { status: 429, headers: { "retry-after": "12" } }),
    new Response("channel_not_found", { status: 404 }),
  ]);
  const now = Date.now();
  const { notifier: n } = notifier(kv, server.url, { now: () => now });
  await quietly(async () => {
    assert.deepEqual(await n.handle(notifyJob("slack", note())), {
      outcome: "retrying",
      channel: "slack",
      attempt: 1,
      retryInMs: 12_000,
      reason: "slack answered HTTP 429: rate_limited",
    });
    assert.deepEqual(await n.handle(notifyJob("slack", note({ dedupeKey: "k-2" }))), {
      outcome: "failed",
      channel: "slack",
      reason: "slack answered HTTP 404: channel_not_found",
    });
  });
  const failed = await kv.get<FailedRecord>(notifyKeys.failed("slack", "k-2"));
  assert.deepEqual(failed.value, {
    at: now,
    attempts: 1,
    reason: "slack answered HTTP 404: channel_not_found",
  });
  assert.equal((await kv.get(notifyKeys.claim("slack", "alert-1"))).versionstamp, null);
});

Deno.test("through the KV queue: 503, 503, then 200 delivers on the third attempt", async () => {
  const kv = await Deno.openKv(":memory:");
  await using server = slackPeer([
    new Response("", { status: 503 }),
    new Response("", { status: 503 }),
  ]);
  const { notifier: n, outcomes } = notifier(kv, server.url, { retry: FAST });
  await quietly(async () => {
    const listening = n.listen();
    assert.equal(await n.notify(note()), 1);
    await until(() => outcomes.some((o) => o.outcome === "delivered"));
    kv.close();
    await listening;
  });
  assert.deepEqual(outcomes.map((o) => o.outcome), ["retrying", "retrying", "delivered"]);
  assert.deepEqual(outcomes.at(-1), { outcome: "delivered", channel: "slack", attempt: 3 });
  assert.equal(server.requests.length, 3);
});

Deno.test("through the KV queue: retries stop at maxAttempts and the failure is recorded", async () => {
  const kv = await Deno.openKv(":memory:");
  await using server = recordingServer(() => new Response("", { status: 500 }));
  const { notifier: n, outcomes } = notifier(kv, server.url, { retry: FAST });
  let failed: unknown;
  await quietly(async () => {
    const listening = n.listen();
    await n.notify(note());
    await until(() => outcomes.some((o) => o.outcome === "failed"));
    failed = (await kv.get(notifyKeys.failed("slack", "alert-1"))).value;
    kv.close();
    await listening;
  });
  assert.equal(server.requests.length, FAST.maxAttempts);
  assert.equal(
    (failed as FailedRecord).reason,
    "gave up after 4 attempts: slack answered HTTP 500: ",
  );
});

Deno.test("through the KV queue: one job per channel, and a repeated dedupe key sends once", async () => {
  const kv = await Deno.openKv(":memory:");
  await using slack = slackPeer();
  await using hook = recordingServer(() => new Response(null, { status: 204 }));
  const outcomes: JobOutcome[] = [];
  const n = new Notifier({
    kv,
    channels: [
      new SlackChannel({ webhookUrl: new Secret(slack.url + HOOK) }),
      new WebhookChannel({ url: new Secret(hook.url + "/in"), secret: new Secret("s3cr3t-key") }),
    ],
    claimMs: 50,
    observe: (outcome) => outcomes.push(outcome),
  });
  await quietly(async () => {
    const listening = n.listen();
    assert.equal(await n.notify(note()), 2);
    assert.equal(await n.notify(note()), 2);
    await until(() => outcomes.filter((o) => o.outcome === "duplicate").length === 2);
    kv.close();
    await listening;
  });
  assert.equal(slack.requests.length, 1);
  assert.equal(hook.requests.length, 1);
  assert.equal(outcomes.filter((o) => o.outcome === "delivered").length, 2);
});

Deno.test("values that are not notify jobs are ignored, not thrown back to the queue", async () => {
  using kv = await Deno.openKv(":memory:");
  await using server = slackPeer();
  const { notifier: n } = notifier(kv, server.url);
  await quietly(async () => {
    assert.deepEqual(await n.handle({ type: "other" }), {
      outcome: "ignored",
      reason: "not a notify job",
    });
    assert.deepEqual(await n.handle(notifyJob("telegram", note())), {
      outcome: "ignored",
      reason: "no channel named telegram",
    });
  });
  assert.equal(server.requests.length, 0);
});
