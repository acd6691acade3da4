import assert from "node:assert/strict";
import { QueueDispatcher } from "../../core/jobs/mod.ts";
import { parseNotifyEnv } from "../../core/notify/mod.ts";
import { startNotifications } from "../../core/runtime/mod.ts";
import { note, recordingServer } from "../notify/_support.ts";

Deno.test("without channels a notification is logged, not queued", async () => {
  using kv = await Deno.openKv(":memory:");
  const lines: { message: string; fields?: Record<string, unknown> }[] = [];
  const notifications = startNotifications(
    new QueueDispatcher(kv),
    parseNotifyEnv({}),
    (_level, message, fields) => lines.push({ message, fields }),
  );
  assert.deepEqual(notifications.channels, []);
  assert.equal(await notifications.notify(note()), 0);
  assert.equal(lines[0]?.message, "notification");
  assert.equal(lines[0]?.fields?.title, note().title);
});

Deno.test("with a webhook configured a notification goes through the KV queue to it", async () => {
  await using hook = recordingServer(() => new Response("ok"));
  const kv = await Deno.openKv(":memory:");
  let listening: Promise<void> | undefined;
  try {
    const queue = new QueueDispatcher(kv);
    const notifications = startNotifications(
      queue,
      parseNotifyEnv({
        NOTIFY_WEBHOOK_URL: `${hook.url}/hook`,
        NOTIFY_WEBHOOK_SECRET: "a-secret-of-16-chars",
      }),
    );
    assert.deepEqual(queue.kinds(), ["notify"]);
    listening = queue.listen();
    assert.deepEqual(notifications.channels, ["webhook"]);
    assert.equal(await notifications.notify(note()), 1);
    const deadline = Date.now() + 10_000;
    while (hook.requests.length === 0 && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    assert.equal(hook.requests.length, 1);
    assert.equal(hook.requests[0]?.path, "/hook");
    assert.match(hook.requests[0]?.body ?? "", /삼성전자 손절 발동/);
    // the handler records the delivery after the webhook answers; let it finish before closing
    const sent = async () => {
      for await (const _ of kv.list({ prefix: ["notify", "sent"] })) return true;
      return false;
    };
    while (!(await sent()) && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  } finally {
    kv.close();
    await listening;
  }
});

Deno.test("a half-configured channel is refused, naming the missing variable", () => {
  assert.throws(
    () => parseNotifyEnv({ NOTIFY_WEBHOOK_URL: "http://127.0.0.1:1/hook" }),
    /NOTIFY_WEBHOOK_SECRET/,
  );
});
