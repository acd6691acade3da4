/**
 * The one table of the engine's scheduled jobs: when each fires in KST, which instants its guard
 * lets through, and what it needs. The configurable parts (strategy run times, intervals, the
 * report's delay after the close) are parsed with {@link jobScheduleConfigSchema}.
 * @module
 */
import { z } from "zod";
import { REGULAR_SESSION, type SessionTimes, shiftedSession } from "../krx/mod.ts";
import {
  clockTimeOf,
  clockTimeSchema,
  EVERY_DAY,
  type KstSchedule,
  minuteOfDay,
  MON_TO_FRI,
} from "./kst_schedule.ts";

/**
 * Which firings actually run, decided at run time from the trading calendar and that day's
 * session times: `any_day` (no check), `trading_day`, `in_session` (from the day's open up to,
 * not including, its close), or `after_close` (the first scheduled time at least `minutes`
 * after the day's close; later times that day are skipped).
 */
export type JobGuard =
  | { readonly kind: "any_day" }
  | { readonly kind: "trading_day" }
  | { readonly kind: "in_session" }
  | { readonly kind: "after_close"; readonly minutes: number };

/** What a job's handler will be given when it is wired (for the roles and the docs). */
export type JobNeed = "broker" | "store" | "calendar" | "notify";

/** When a job runs and what it needs. */
export interface JobSchedule {
  readonly kst: KstSchedule;
  readonly guard: JobGuard;
  readonly needs: readonly JobNeed[];
  /** How long a run may hold the cross-process lease before another process may take over. */
  readonly leaseMs: number;
  /** One line for the docs and the health page. */
  readonly summary: string;
}

/** The names of the scheduled jobs. */
export const JOB_NAMES = [
  "holiday-refresh",
  "pre-open-check",
  "strategy-run",
  "alert-sweep",
  "reconcile",
  "daily-report",
] as const;

/** A scheduled job's name. */
export type JobName = (typeof JOB_NAMES)[number];

const MINUTE_MS = 60_000;

/** The session times a trading day can have: regular, and shifted on each kind of special day. */
const SESSION_VARIANTS: readonly SessionTimes[] = [
  REGULAR_SESSION,
  shiftedSession(REGULAR_SESSION, "year_opening"),
  shiftedSession(REGULAR_SESSION, "exam_day"),
];

/** The widest window any trading day's session falls in, KST minutes (09:00–16:30). */
export const WIDEST_SESSION: { readonly open: number; readonly close: number } = {
  open: Math.min(...SESSION_VARIANTS.map((day) => day.open)),
  close: Math.max(...SESSION_VARIANTS.map((day) => day.close)),
};

const sessionTimeSchema = clockTimeSchema.refine(
  (time) => minuteOfDay(time) >= WIDEST_SESSION.open && minuteOfDay(time) < WIDEST_SESSION.close,
  `must fall in the session (${clockTimeOf(WIDEST_SESSION.open)}–${
    clockTimeOf(WIDEST_SESSION.close)
  } KST at its widest), or it would never run`,
);

/** The configurable parts of the schedule; every field has a default. */
export const jobScheduleConfigSchema = z.object({
  /** KIS asks that its holiday inquiry (chk-holiday) be called once a day. */
  holidayRefreshAt: clockTimeSchema.default("07:30"),
  preOpenCheckAt: clockTimeSchema.default("08:50"),
  strategyRunTimes: z.array(sessionTimeSchema).min(1).refine(
    (times) => new Set(times).size === times.length,
    "strategy run times must not repeat",
  ).default(["09:10", "15:10"]),
  alertSweepEveryMinutes: z.number().int().min(1).max(30).default(1),
  reconcileEveryMinutes: z.number().int().min(1).max(30).default(5),
  reportMinutesAfterClose: z.number().int().min(0).max(59).default(10),
});

/** Parsed schedule configuration. */
export type JobScheduleConfig = z.infer<typeof jobScheduleConfigSchema>;

/**
 * The schedule of every job for `config` (defaults: {@link jobScheduleConfigSchema}).
 *
 * @throws {z.ZodError} when `config` does not parse.
 */
export function jobSchedules(config: unknown = {}): Record<JobName, JobSchedule> {
  const c = jobScheduleConfigSchema.parse(config);
  const session = {
    from: clockTimeOf(WIDEST_SESSION.open),
    until: clockTimeOf(WIDEST_SESSION.close),
  };
  // The report fires at close + delay for every close a trading day can have (15:30, 16:30).
  const closes = [...new Set(SESSION_VARIANTS.map((day) => day.close))];
  return {
    "holiday-refresh": {
      kst: { kind: "at", times: [c.holidayRefreshAt], days: EVERY_DAY },
      guard: { kind: "any_day" },
      needs: ["broker", "store"],
      leaseMs: 10 * MINUTE_MS,
      summary: "asks KIS which coming days trade (chk-holiday) and stores the calendar",
    },
    "pre-open-check": {
      kst: { kind: "at", times: [c.preOpenCheckAt], days: MON_TO_FRI },
      guard: { kind: "trading_day" },
      needs: ["broker", "store", "calendar", "notify"],
      leaseMs: 10 * MINUTE_MS,
      summary: "checks the token, balance and kill switch before the day starts",
    },
    "strategy-run": {
      kst: { kind: "at", times: c.strategyRunTimes, days: MON_TO_FRI },
      guard: { kind: "in_session" },
      needs: ["broker", "store", "calendar"],
      leaseMs: 10 * MINUTE_MS,
      summary: "runs every enabled strategy and places its orders through the journal",
    },
    "alert-sweep": {
      kst: { kind: "every", minutes: c.alertSweepEveryMinutes, ...session, days: MON_TO_FRI },
      guard: { kind: "in_session" },
      needs: ["broker", "store", "notify"],
      leaseMs: 2 * c.alertSweepEveryMinutes * MINUTE_MS,
      summary: "checks every active alert against the last prices, a safety net for ticks",
    },
    "reconcile": {
      kst: { kind: "every", minutes: c.reconcileEveryMinutes, ...session, days: MON_TO_FRI },
      guard: { kind: "in_session" },
      needs: ["broker", "store"],
      leaseMs: 2 * c.reconcileEveryMinutes * MINUTE_MS,
      summary: "matches the order journal against the broker's fills and open orders",
    },
    "daily-report": {
      kst: {
        kind: "at",
        times: closes.map((close) => clockTimeOf(close + c.reportMinutesAfterClose)),
        days: MON_TO_FRI,
      },
      guard: { kind: "after_close", minutes: c.reportMinutesAfterClose },
      needs: ["broker", "store", "notify"],
      leaseMs: 15 * MINUTE_MS,
      summary: "builds the day's report after the close and sends it",
    },
  };
}
