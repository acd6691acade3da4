/**
 * What every API route module shares: the Hono environment, the app type and the app's
 * dependencies.
 * @module
 */
import type { OpenAPIHono } from "@hono/zod-openapi";
import type { Auth } from "../auth/mod.ts";
import type { Broker } from "../broker/types.ts";
import type { TrustProxy } from "../config/trust_proxy.ts";
import type { JobFiring } from "../jobs/mod.ts";
import type { ChannelTarget, NotificationChannel, QuietHours } from "../notify/mod.ts";
import type { DailyReportDeps } from "../report/mod.ts";
import type { Store } from "../store/mod.ts";
import type { AppMetrics } from "../obs/metrics.ts";
import type { ReconcileOptions } from "../trading/mod.ts";
import type { AccessVariables, Authenticator } from "./access.ts";
import type { DocsAssets } from "./docs_page.ts";

/** The Hono environment of the API: a request id and the principal on every context. */
export type ApiEnv = { Variables: AccessVariables };

/** The API app, on which route modules register their operations. */
export type ApiApp = OpenAPIHono<ApiEnv>;

/** What the API is built from; tests pass real parts wired to the simulator. */
export interface ApiOptions {
  /** Quotes and charts come from here; without one those routes answer 503. */
  readonly broker?: Broker;
  /** Orders, alerts, settings and the rest of the app's state; routes that need it answer 503 without. */
  readonly store?: Store;
  /**
   * Who the caller is; without one every request is anonymous, so secured routes answer 401.
   */
  readonly authenticate?: Authenticator;
  /**
   * Users, tokens, API keys and rate limits (core/auth): the login, key and user routes answer
   * 503 without it; its authenticator is used when `authenticate` is not given.
   */
  readonly auth?: Auth;
  /**
   * Which proxies' `X-Forwarded-For` decides the client address login lockouts and logs use
   * (`TRUST_PROXY`); default off: the connection's peer.
   */
  readonly trustProxy?: TrustProxy;
  /** Origins a browser may call the API from (CORS); none by default. */
  readonly corsOrigins?: readonly string[];
  /** Which market the broker trades, reported by the readiness check: the demo or KIS. */
  readonly mode?: "demo" | "kis";
  /** The environment the readiness check validates; read from the process when absent. */
  readonly env?: () => Record<string, string | undefined>;
  /** Swagger UI's built files for `/api/docs`; without them the page is the server's table only. */
  readonly docsAssets?: DocsAssets | null;
  /** Largest request body accepted, in bytes (default {@link DEFAULT_MAX_BODY_BYTES}). */
  readonly maxBodyBytes?: number;
  /**
   * The runtime's one broker account: orders, alerts and the portfolio belong to it, and a
   * request's `accountId` defaults to it. Without one those routes answer 503.
   */
  readonly account?: ApiAccount;
  /** How a replayed order still open as an intent is reconciled (default: the journal's). */
  readonly reconcile?: ReconcileOptions;
  /**
   * Runs a registered job now (the engine's `runNow`), for `POST /jobs/{name}/run`; without it
   * that route answers 503 (a worker process, or an app without the engine).
   */
  readonly jobRunner?: JobRunner;
  /** The job schedule's configuration `GET /jobs` reports (default: the table's defaults). */
  readonly jobScheduleConfig?: unknown;
  /**
   * What `POST /reports/{date}/generate` runs the daily report with besides the store, broker
   * and account: the notifier to queue it on (without one it is only stored), job status, fees.
   */
  readonly report?: Omit<DailyReportDeps, "store" | "broker" | "accountId">;
  /**
   * The configured notification channels (from the environment) and the environment's quiet
   * hours, for `/settings/notifications`; without it no channel is listed.
   */
  readonly notifications?: ApiNotifications;
  /** `GET /events`: how often the audit log is polled, and the heartbeat's period (ms). */
  readonly events?: { readonly pollMs?: number; readonly heartbeatMs?: number };
  /**
   * The process's metrics: the orders placed, amended and synced through the API report to its
   * trading series (without it, to nothing), and `GET /health/details` reads the KIS client's
   * state and the error counts from it (without it, from `appMetrics`).
   */
  readonly metrics?: AppMetrics;
}

/** Runs a job now through its guard, lease and status path (`Engine.runNow`). */
export interface JobRunner {
  /** Whether it ran, or why not; throws a `RangeError` when no such job is registered. */
  runNow(name: string): Promise<JobFiring>;
}

/** The notification channels the app sends through, with what may be shown of each. */
export interface ApiNotifications {
  readonly channels: readonly {
    readonly target: ChannelTarget;
    readonly channel: NotificationChannel;
  }[];
  /** `NOTIFY_QUIET_HOURS`: the quiet window until an admin saves one. */
  readonly envQuietHours: QuietHours | null;
}

/** The broker account the API serves. */
export interface ApiAccount {
  /** The account's id in the store, e.g. `12345678-01`. */
  readonly id: string;
  /** What the user calls it, e.g. `모의 시장` or `KIS real`. */
  readonly label: string;
}

/** 8 MiB: about ten years of daily bars for 100 symbols as CSV text. */
export const DEFAULT_MAX_BODY_BYTES = 8 * 1024 * 1024;
