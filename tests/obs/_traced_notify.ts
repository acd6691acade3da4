/**
 * Run as a child process with `OTEL_DENO=true`: delivers one notification on Telegram and one on
 * Slack to the loopback receiver `RECEIVER_URL` (the bot token and the Slack hook path come from
 * `TELEGRAM_BOT_TOKEN` and `SLACK_HOOK_PATH`), and fetches `RECEIVER_URL/control` outside any
 * channel, so the test can tell that fetch spans are exported at all. Prints each outcome.
 * @module
 */
import { Notifier, notifyJob, Secret, SlackChannel, TelegramChannel } from "@/core/notify/mod.ts";

const receiver = Deno.env.get("RECEIVER_URL")!;
using kv = await Deno.openKv(":memory:");
const notifier = new Notifier({
  kv,
  channels: [
    new TelegramChannel({
      botToken: new Secret(Deno.env.get("TELEGRAM_BOT_TOKEN")!),
      chatId: "42",
      apiUrl: receiver,
    }),
    new SlackChannel({ webhookUrl: new Secret(receiver + Deno.env.get("SLACK_HOOK_PATH")!) }),
  ],
});
const note = {
  title: "삼성전자 손절 발동",
  body: "005930 at 71,000 KRW sold 10 shares.",
  severity: "info",
  kind: "alert",
  dedupeKey: "traced-1",
} as const;
for (const channel of ["telegram", "slack"]) {
  const outcome = await notifier.handle(notifyJob(channel, note));
  // deno-lint-ignore no-console -- the parent test reads the outcomes from stdout
  console.log(`${channel} ${outcome.outcome}`);
}
await (await fetch(`${receiver}/control`)).text();
