import assert from "node:assert/strict";
import {
  Notifier,
  notifyJob,
  notifyKeys,
  notifyQueueDepth,
  Secret,
  SlackChannel,
} from "@/core/notify/mod.ts";
import { createMetrics } from "@/core/obs/metrics.ts";
import { capturingLogs, note, recordingServer } from "../notify/_support.ts";

/** The text exposition's lines of `name` (with labels), without help and type lines. */
async function lines(metrics: ReturnType<typeof createMetrics>, name: string): Promise<string[]> {
  return (await metrics.registry.metrics()).split("\n").filter((line) => line.startsWith(name));
}

Deno.test("the queue depth follows a job from queued through a retry to delivered, and each outcome is counted", async () => {
  using kv = await Deno.openKv(":memory:");
  const replies = [new Response("busy", { status: 503 }), new Response("ok")];
  await using peer = recordingServer((_request, index) => replies[index] ?? new Response("ok"));
  const metrics = createMetrics();
  metrics.notify.queueFrom(() => notifyQueueDepth(kv));
  const notifier = new Notifier({
    kv,
    channels: [new SlackChannel({ webhookUrl: new Secret(`${peer.url}/services/T1/B1/x`) })],
    retry: { maxAttempts: 3, baseMs: 60_000, maxMs: 60_000 },
    random: () => 0,
    observe: metrics.notify.handled,
  });
  const depth = () => lines(metrics, "notify_queue_jobs");

  // nobody listens: the job stays on the queue, and the test hands it to the handler itself
  await notifier.notify(note({ dedupeKey: "alert-7" }));
  assert.deepEqual(await depth(), [
    'notify_queue_jobs{state="queued"} 1',
    'notify_queue_jobs{state="retrying"} 0',
    'notify_queue_jobs{state="undelivered"} 0',
  ]);
  await capturingLogs(async () => {
    const first = await notifier.handle(notifyJob("slack", note({ dedupeKey: "alert-7" })));
    assert.equal(first.outcome, "retrying");
  });
  assert.deepEqual(await depth(), [
    'notify_queue_jobs{state="queued"} 0',
    'notify_queue_jobs{state="retrying"} 1',
    'notify_queue_jobs{state="undelivered"} 0',
  ]);
  await capturingLogs(async () => {
    const job = { ...notifyJob("slack", note({ dedupeKey: "alert-7" })), attempt: 2 };
    assert.equal((await notifier.handle(job)).outcome, "delivered");
  });
  assert.deepEqual(await depth(), [
    'notify_queue_jobs{state="queued"} 0',
    'notify_queue_jobs{state="retrying"} 0',
    'notify_queue_jobs{state="undelivered"} 0',
  ]);
  assert.deepEqual(await lines(metrics, "notify_jobs_total"), [
    'notify_jobs_total{channel="slack",outcome="retrying"} 1',
    'notify_jobs_total{channel="slack",outcome="delivered"} 1',
  ]);

  await kv.set(notifyKeys.undelivered("slack", "alert-8"), notifyJob("slack", note()));
  assert.match((await depth()).join("\n"), /^notify_queue_jobs\{state="undelivered"\} 1$/m);
  metrics.notify.queueFrom(() => Promise.reject(new Error("KV closed")));
  assert.match(
    (await depth()).join("\n"),
    /^notify_queue_jobs\{state="undelivered"\} 1$/m,
    "a failed read keeps the last values",
  );
});
