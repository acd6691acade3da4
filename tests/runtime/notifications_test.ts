import assert from "node:assert/strict";
import { QueueDispatcher } from "../../core/jobs/mod.ts";
import { notifyJob, parseNotifyEnv, saveNotifyPreferences } from "../../core/notify/mod.ts";
import { startNotifications } from "../../core/runtime/mod.ts";
import { openStore } from "../../core/store/mod.ts";
import { capturingLogs, note, recordingServer } from "../notify/_support.ts";

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

/** `HH:MM` on the Korean wall clock, `minutes` from now. */
function kstClock(minutes: number): string {
  const at = new Date(Date.now() + 9 * 3_600_000 + minutes * 60_000);
  return at.toISOString().slice(11, 16);
}

Deno.test("the notifier follows the saved settings: a kind turned off is not queued, saved quiet hours defer", async () => {
  await using hook = recordingServer(() => new Response("ok"));
  const store = await openStore({ path: ":memory:" });
  try {
    const notifications = startNotifications(
      new QueueDispatcher(store.kv),
      parseNotifyEnv({
        NOTIFY_WEBHOOK_URL: `${hook.url}/hook`,
        NOTIFY_WEBHOOK_SECRET: "a-secret-of-16-chars",
      }),
    );
    await saveNotifyPreferences(
      store,
      {
        quietHours: { start: kstClock(-60), end: kstClock(60) },
        enabledKinds: ["alert", "error"],
      },
      null,
      "kim",
      null,
    );
    assert.equal(await notifications.notify(note({ kind: "report", dedupeKey: "r-1" })), 0);
    await capturingLogs(async () => {
      const outcome = await notifications.notifier!.handle(
        notifyJob("webhook", note({ kind: "alert", dedupeKey: "a-1" })),
      );
      assert.equal(outcome.outcome, "deferred");
      const urgent = await notifications.notifier!.handle(
        notifyJob("webhook", note({ kind: "error", dedupeKey: "e-1" })),
      );
      assert.equal(urgent.outcome, "delivered");
    });
    assert.deepEqual(hook.requests.map((r) => JSON.parse(r.body).id), ["e-1"]);
  } finally {
    store.close();
  }
});
