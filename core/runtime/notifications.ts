/**
 * Where the app's notifications go: the Notifier's KV queue when channels are configured in the
 * environment (docs/notifications.md), the log otherwise.
 * @module
 */
import type { NotifyFunction } from "../alerts/watcher.ts";
import { buildChannels, type Notification, Notifier, type NotifySettings } from "../notify/mod.ts";
import { log as defaultLog, type LogFields, type LogLevel } from "../obs/log.ts";

/** The notify function and, with channels, the queue listener delivering them. */
export interface Notifications {
  readonly notify: NotifyFunction;
  /** The configured channels' names; empty when notifications are only logged. */
  readonly channels: readonly string[];
  /** The queue's notifier when channels are configured (the daily report sends through it). */
  readonly notifier?: Notifier;
}

/**
 * Notifications from the parsed settings (`parseNotifyEnv`): with channels, queued through a
 * `Notifier` on `kv` whose listener this process runs (the handler is idempotent, so several
 * processes may listen); without, each message is logged at info.
 */
export function startNotifications(
  kv: Deno.Kv,
  settings: NotifySettings,
  log: (level: LogLevel, message: string, fields?: LogFields) => void = defaultLog,
): Notifications {
  if (settings.channels.length === 0) {
    return {
      notify: (notification: Notification) => {
        const { title, body, kind, severity } = notification;
        log("info", "notification", { title, body, kind, severity });
        return Promise.resolve(0);
      },
      channels: [],
    };
  }
  const channels = buildChannels(settings.channels, { kv });
  const notifier = new Notifier({ kv, channels, quietHours: settings.quietHours });
  notifier.listen().catch((error) => log("error", "notification queue stopped", { error }));
  return {
    notify: (notification) => notifier.notify(notification),
    channels: channels.map((channel) => channel.name),
    notifier,
  };
}
