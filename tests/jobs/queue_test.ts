import assert from "node:assert/strict";
import { QueueDispatcher } from "@/core/jobs/mod.ts";
import { createLabJob, getLabJob, labQueueHandler } from "@/core/lab/mod.ts";
import { parseNotifyEnv } from "@/core/notify/mod.ts";
import { startNotifications } from "@/core/runtime/mod.ts";
import { openStore } from "@/core/store/mod.ts";
import { eventually } from "../lab/_lab.ts";
import { note, recordingServer } from "../notify/_support.ts";

const CSV = [
  "date,open,high,low,close,volume",
  "2026-01-02,100,110,90,105,1",
  "2026-01-05,105,112,100,110,1",
  "2026-01-06,110,115,104,108,1",
].join("\n");

Deno.test("one dispatcher on one KV delivers notifications and lab jobs alike", async () => {
  await using hook = recordingServer(() => new Response("ok"));
  const store = await openStore({ path: ":memory:" });
  const queue = new QueueDispatcher(store.kv);
  const notifications = startNotifications(
    queue,
    parseNotifyEnv({
      NOTIFY_WEBHOOK_URL: `${hook.url}/hook`,
      NOTIFY_WEBHOOK_SECRET: "a-secret-of-16-chars",
    }),
  );
  queue.register(labQueueHandler({ store }));
  assert.deepEqual(queue.kinds(), ["notify", "lab"]);
  const listening = queue.listen();
  assert.equal(queue.listen(), listening, "the handle's one listenQueue is asked once");
  try {
    await notifications.notify(note());
    const job = await createLabJob(store, {
      kind: "run",
      name: null,
      owner: { subject: "u", username: "u" },
      strategy: "ma-cross",
      symbols: ["005930"],
      from: null,
      to: null,
      request: { series: [{ symbol: "005930", csv: CSV }], params: { fast: 1, slow: 2 } },
    });
    const sent = async () => {
      const keys = [];
      for await (const entry of store.kv.list({ prefix: ["notify", "sent"] })) keys.push(entry);
      return keys.length;
    };
    await eventually(sent, (n) => n === 1, "the notification's delivery record");
    assert.equal(hook.requests.length, 1);
    const done = await eventually(
      () => getLabJob(store.kv, "run", job.id),
      (found) => found?.job.status === "done",
      "the lab job",
    );
    assert.equal(done?.job.progress, 1);
  } finally {
    store.close();
    await listening;
  }
});

Deno.test("a message no handler accepts is logged and dropped", async () => {
  using kv = await Deno.openKv(":memory:");
  const lines: string[] = [];
  const queue = new QueueDispatcher(kv, (_level, message) => lines.push(message));
  await queue.dispatch({ type: "yeouido.unknown" });
  assert.deepEqual(lines, ["queue message with no handler"]);
  assert.throws(
    () =>
      queue.register({ kind: "a", accepts: () => true, handle: () => Promise.resolve() })
        .register({ kind: "a", accepts: () => true, handle: () => Promise.resolve() }),
    /already registered/,
  );
});
