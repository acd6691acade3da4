/**
 * The notification preferences an admin sets from the dashboard or the API: the quiet window and
 * which kinds of message go out. Stored in KV, versioned and audited; until saved, the
 * environment's `NOTIFY_QUIET_HOURS` and every kind apply. The channels and their secrets stay in
 * the environment.
 * @module
 */
import { z } from "zod";
import {
  commitOrConflict,
  KEYS,
  type Store,
  StoreConflictError,
  whileKvBusy,
} from "../store/mod.ts";
import { KINDS } from "./message.ts";
import { parseQuietHours, type QuietHours } from "./quiet_hours.ts";

/** The key of the stored preferences. */
export const NOTIFY_PREFERENCES_KEY: Deno.KvKey = KEYS.setting("notifications");

/** A KST wall-clock time, `HH:MM`. */
const clockTime = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, "use HH:MM, 00:00 to 23:59 (KST)");

/** Validates preferences as the API and the dashboard send them (unknown fields refused). */
export const notifyPreferencesSchema = z.strictObject({
  quietHours: z.strictObject({ start: clockTime, end: clockTime })
    .refine((window) => window.start !== window.end, {
      message: "quiet hours must not start and end at the same time",
      path: ["end"],
    })
    .nullable(),
  enabledKinds: z.array(z.enum(KINDS)).max(KINDS.length)
    .refine((kinds) => new Set(kinds).size === kinds.length, "list each kind once"),
});

/** The quiet window (KST, may wrap past midnight; null: none) and the kinds that are sent. */
export type NotifyPreferences = z.infer<typeof notifyPreferencesSchema>;

/** The preferences in force and their version (null until first saved). */
export interface StoredNotifyPreferences {
  readonly preferences: NotifyPreferences;
  readonly versionstamp: string | null;
}

function clockText(minute: number): string {
  const pad = (n: number) => String(n).padStart(2, "0");
  return `${pad(Math.floor(minute / 60))}:${pad(minute % 60)}`;
}

/** The preferences a fresh install has: the environment's quiet hours and every kind. */
export function defaultNotifyPreferences(envQuietHours: QuietHours | null): NotifyPreferences {
  return {
    quietHours: envQuietHours === null ? null : {
      start: clockText(envQuietHours.startMinute),
      end: clockText(envQuietHours.endMinute),
    },
    enabledKinds: [...KINDS],
  };
}

/** The quiet window of `preferences` as the notifier reads it. */
export function quietHoursOf(preferences: NotifyPreferences): QuietHours | null {
  const window = preferences.quietHours;
  return window === null ? null : parseQuietHours(`${window.start}-${window.end}`);
}

/** The stored preferences, or the defaults from `envQuietHours` with a null version. */
export async function readNotifyPreferences(
  kv: Deno.Kv,
  envQuietHours: QuietHours | null,
): Promise<StoredNotifyPreferences> {
  const entry = await whileKvBusy(() => kv.get(NOTIFY_PREFERENCES_KEY));
  if (entry.value === null) {
    return { preferences: defaultNotifyPreferences(envQuietHours), versionstamp: null };
  }
  return {
    preferences: notifyPreferencesSchema.parse(entry.value),
    versionstamp: entry.versionstamp,
  };
}

/**
 * Replaces the preferences (validated first, so bad input writes nothing) if their version is
 * still `expected` (null: never saved), audited with the previous values and who changed them;
 * returns the new version.
 *
 * @throws {z.ZodError} when `input` does not parse.
 * @throws {StoreConflictError} when they changed since `expected`.
 */
export async function saveNotifyPreferences(
  store: Store,
  input: unknown,
  expected: string | null,
  by: string,
  envQuietHours: QuietHours | null,
): Promise<string> {
  const next = notifyPreferencesSchema.parse(input);
  const before = await readNotifyPreferences(store.kv, envQuietHours);
  if (before.versionstamp !== expected) throw new StoreConflictError("notification settings");
  const build = () => {
    const op = store.kv.atomic()
      .check({ key: NOTIFY_PREFERENCES_KEY, versionstamp: expected })
      .set(NOTIFY_PREFERENCES_KEY, next);
    store.audit.appendTo(op, {
      kind: "config",
      action: "notification_settings_changed",
      subject: "notifications",
      data: { by, before: before.preferences, after: next },
    });
    return op;
  };
  const result = await whileKvBusy(() => commitOrConflict(build(), "notification settings"));
  return result.versionstamp;
}
