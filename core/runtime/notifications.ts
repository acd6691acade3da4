/**
 * Where the app's notifications go: the Notifier's KV queue when channels are configured in the
 * environment (docs/notifications.md), the log otherwise.
 * @module
 */
import type { NotifyFunction } from "../alerts/watcher.ts";
import type { ApiNotifications } from "../api/context.ts";
import {
  buildChannels,
  channelTarget,
  type Notification,
  Notifier,
  parseNotifyEnv,
  quietHoursOf,
  readNotifyPreferences,
} from "../notify/mod.ts";
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
 * Notifications from `env`'s settings: with channels, queued through a `Notifier` on `kv` whose
 * listener this process runs (the handler is idempotent, so several processes may listen);
 * without, each message is logged at info.
 *
 * @throws {Error} naming the variable when a channel is half configured (`parseNotifyEnv`).
 */
export function startNotifications(
  kv: Deno.Kv,
  env: Record<string, string | undefined>,
  log: (level: LogLevel, message: string, fields?: LogFields) => void = defaultLog,
): Notifications {
  const settings = parseNotifyEnv(env);
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
  const notifier = new Notifier({
    kv,
    channels,
    quietHours: settings.quietHours,
    // what an admin saved (core/notify/preferences.ts) wins over NOTIFY_QUIET_HOURS
    preferences: async () => {
      const { preferences } = await readNotifyPreferences(kv, settings.quietHours);
      return { quietHours: quietHoursOf(preferences), enabledKinds: preferences.enabledKinds };
    },
  });
  notifier.listen().catch((error) => log("error", "notification queue stopped", { error }));
  return {
    notify: (notification) => notifier.notify(notification),
    channels: channels.map((channel) => channel.name),
    notifier,
  };
}

/**
 * The channels `env` configures, each with its masked target, for the API's notification
 * settings and its "send test" (which sends directly, not through the queue).
 *
 * @throws {Error} naming the variable when a channel is half configured (`parseNotifyEnv`).
 */
export function apiNotifications(
  kv: Deno.Kv,
  env: Record<string, string | undefined>,
): ApiNotifications {
  const settings = parseNotifyEnv(env);
  const channels = buildChannels(settings.channels, { kv });
  return {
    channels: settings.channels.map((entry, i) => ({
      target: channelTarget(entry),
      channel: channels[i]!,
    })),
    envQuietHours: settings.quietHours,
  };
}
