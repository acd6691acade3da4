/**
 * Where the app's notifications go: the Notifier's KV queue when channels are configured in the
 * environment (docs/notifications.md), the log otherwise.
 * @module
 */
import type { NotifyFunction } from "../alerts/watcher.ts";
import {
  buildChannels,
  type JobOutcome,
  type Notification,
  Notifier,
  parseNotifyEnv,
} from "../notify/mod.ts";
import { log as defaultLog, type LogFields, type LogLevel } from "../obs/log.ts";
import { appMetrics } from "../obs/metrics.ts";
import { traceSamplerProblem } from "../obs/tracing.ts";

/** The notify function and, with channels, the queue listener delivering them. */
export interface Notifications {
  readonly notify: NotifyFunction;
  /** The configured channels' names; empty when notifications are only logged. */
  readonly channels: readonly string[];
  /** The queue's notifier when channels are configured (the daily report sends through it). */
  readonly notifier?: Notifier;
}

/**
 * Notifications from `env`'s settings: with channels, queued through a `Notifier` on `kv` (its
 * outcomes counted by `observe`, default the process's metrics) whose listener this process runs
 * (the handler is idempotent, so several processes may listen); without, each message is logged
 * at info. With channels, an error line says so when the environment exports traces without a
 * parent-based sampler (`traceSamplerProblem`).
 *
 * @throws {Error} naming the variable when a channel is half configured (`parseNotifyEnv`).
 */
export function startNotifications(
  kv: Deno.Kv,
  env: Record<string, string | undefined>,
  log: (level: LogLevel, message: string, fields?: LogFields) => void = defaultLog,
  observe: (outcome: JobOutcome) => void = appMetrics.notify.handled,
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
  const samplerProblem = traceSamplerProblem(env);
  if (samplerProblem !== null) {
    log("error", "traces would carry notification tokens", { samplerProblem });
  }
  const channels = buildChannels(settings.channels, { kv });
  const notifier = new Notifier({ kv, channels, quietHours: settings.quietHours, observe });
  notifier.listen().catch((error) => log("error", "notification queue stopped", { error }));
  return {
    notify: (notification) => notifier.notify(notification),
    channels: channels.map((channel) => channel.name),
    notifier,
  };
}
