/**
 * Where the app's notifications go: the Notifier's KV queue when channels are configured in the
 * environment (docs/notifications.md), the log otherwise.
 * @module
 */
import type { NotifyFunction } from "../alerts/watcher.ts";
import type { ApiNotifications } from "../api/context.ts";
import type { QueueDispatcher } from "../jobs/queue.ts";
import {
  buildChannels,
  channelTarget,
  isNotifyJob,
  type JobOutcome,
  type Notification,
  Notifier,
  type NotifySettings,
  quietHoursOf,
  readNotifyPreferences,
} from "../notify/mod.ts";
import { log as defaultLog, type LogFields, type LogLevel } from "../obs/log.ts";
import { appMetrics } from "../obs/metrics.ts";

/** The notify function and, with channels, the notifier whose jobs the queue delivers. */
export interface Notifications {
  readonly notify: NotifyFunction;
  /** The configured channels' names; empty when notifications are only logged. */
  readonly channels: readonly string[];
  /** The queue's notifier when channels are configured (the daily report sends through it). */
  readonly notifier?: Notifier;
}

/**
 * Notifications from the parsed settings (`parseNotifyEnv`): with channels, queued through a
 * `Notifier` on the queue's KV (its outcomes counted by `observe`, default the process's metrics)
 * and handled by `queue`, which the caller starts listening (the handler is idempotent, so several
 * processes may listen); without, each message is logged at info.
 */
export function startNotifications(
  queue: QueueDispatcher,
  settings: NotifySettings,
  log: (level: LogLevel, message: string, fields?: LogFields) => void = defaultLog,
  observe: (outcome: JobOutcome) => void = appMetrics.notify.handled,
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
  const kv = queue.kv;
  const channels = buildChannels(settings.channels, { kv });
  const notifier = new Notifier({
    kv,
    channels,
    quietHours: settings.quietHours,
    observe,
    // what an admin saved (core/notify/preferences.ts) wins over NOTIFY_QUIET_HOURS
    preferences: async () => {
      const { preferences } = await readNotifyPreferences(kv, settings.quietHours);
      return { quietHours: quietHoursOf(preferences), enabledKinds: preferences.enabledKinds };
    },
  });
  queue.register({
    kind: "notify",
    accepts: isNotifyJob,
    handle: (value) => notifier.handle(value),
  });
  return {
    notify: (notification) => notifier.notify(notification),
    channels: channels.map((channel) => channel.name),
    notifier,
  };
}

/**
 * The configured channels (the parsed settings, `parseNotifyEnv`), each with its masked target,
 * for the API's notification settings and its "send test" (which sends directly, not through the
 * queue).
 */
export function apiNotifications(kv: Deno.Kv, settings: NotifySettings): ApiNotifications {
  const channels = buildChannels(settings.channels, { kv });
  return {
    channels: settings.channels.map((entry, i) => ({
      target: channelTarget(entry),
      channel: channels[i]!,
    })),
    envQuietHours: settings.quietHours,
  };
}
