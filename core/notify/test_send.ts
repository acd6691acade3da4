/**
 * "Send test": one test message through each configured channel (or one named channel), sent
 * directly rather than through the queue, so quiet hours, retries and dedupe do not apply and the
 * answer says at once whether each channel works.
 * @module
 */
import type { NotificationChannel } from "./channel.ts";
import type { Notification } from "./message.ts";

/** How one channel took the test message; `error` is the channel's redacted reason. */
export interface TestSendResult {
  readonly channel: string;
  readonly ok: boolean;
  readonly error?: string;
}

/** The test message, marked with the instant it was asked for. */
export function testNotification(nowMs: number): Notification {
  const at = new Date(nowMs).toISOString();
  return {
    title: "여의도 알림 테스트 · Yeouido test notification",
    body: `알림 채널이 동작합니다. This channel works. (${at})`,
    severity: "info",
    kind: "report",
    dedupeKey: `test:${nowMs}`,
    urgent: true,
  };
}

/** Sends `notification` once through each of `channels`, in parallel; never throws. */
export function sendTest(
  channels: readonly NotificationChannel[],
  notification: Notification,
): Promise<TestSendResult[]> {
  return Promise.all(channels.map(async (channel): Promise<TestSendResult> => {
    try {
      const result = await channel.send(notification);
      return result.status === "delivered"
        ? { channel: channel.name, ok: true }
        : { channel: channel.name, ok: false, error: result.reason };
    } catch (error) {
      // only the error's class: a message might quote what the channel was given
      const name = error instanceof Error ? error.name : "Error";
      return { channel: channel.name, ok: false, error: `${channel.name} threw ${name}` };
    }
  }));
}
