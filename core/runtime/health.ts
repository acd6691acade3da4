/**
 * The detailed health of the running process, for admins: the broker's REST and WebSocket state,
 * the access token's expiry, the rate budget, KV's reachability and latency, the kill switch,
 * each job's last run, the notification queue, this process's error counts, version, role and
 * uptime. `GET /api/v1/health/details` answers it and the dashboard's `/health` page shows it;
 * both call {@link loadHealthDetails}.
 * @module
 */
import { z } from "zod";
import { type Broker, recentBalance } from "../broker/mod.ts";
import { JOB_NAMES, KvJobStatusStore } from "../jobs/mod.ts";
import { notifyQueueDepth } from "../notify/mod.ts";
import type { AppMetrics } from "../obs/metrics.ts";
import { probeKv, type Store } from "../store/mod.ts";
import { readKillSwitch } from "../trading/mod.ts";
import { VERSION } from "../version.ts";
import { readBroker } from "../web/views/broker_read.ts";
import { parseRole, type Role, ROLES } from "./env.ts";

const count = z.number().int().nonnegative();
const instant = z.number().int().nonnegative();

const lastRunSchema = z.discriminatedUnion("state", [
  z.object({ state: z.literal("running"), startedAt: instant }),
  z.object({
    state: z.enum(["ok", "error"]),
    startedAt: instant,
    finishedAt: instant,
    durationMs: count,
    error: z.string().optional().describe("the error's message when the run failed"),
  }),
]);

/** The detailed health's schema: what the API answers and the page shows. */
export const healthDetailsSchema = z.object({
  version: z.string(),
  role: z.enum(ROLES),
  mode: z.enum(["demo", "kis"]),
  label: z.string(),
  uptimeSeconds: z.number().nonnegative(),
  kis: z.object({
    rest: z.object({
      ok: z.boolean(),
      error: z.string().nullable().describe("why the latest balance read failed, or null"),
      checkedAt: instant.describe("when that read was asked for, epoch ms of the store's clock"),
    }),
    token: z.object({
      expiresAt: instant.nullable().describe("epoch ms; null before this process used a token"),
      secondsLeft: z.number().nullable(),
    }),
    ws: z.object({
      connected: z.boolean().nullable().describe("null when this process never opened it"),
      subscriptions: count,
      reconnects: count,
    }),
    rateBudget: z.object({
      perSecond: z.number().positive().nullable(),
      requests: count.describe("requests this process sent through the budget"),
      waitedSeconds: z.number().nonnegative().describe("their total wait for it"),
    }),
  }),
  kv: z.object({
    reachable: z.boolean(),
    latencyMs: z.number().nonnegative().nullable(),
    error: z.string().nullable(),
  }),
  killSwitch: z.object({
    on: z.boolean(),
    reason: z.string(),
    changedAt: instant,
    by: z.string(),
  }),
  jobs: z.array(z.object({ name: z.enum(JOB_NAMES), lastRun: lastRunSchema.nullable() })),
  notifications: z.object({ queued: count, retrying: count, undelivered: count }),
  errors: z.object({
    httpServerErrors: count.describe("5xx answers since this process started"),
    kisRestErrors: count.describe("KIS REST requests that did not end ok"),
    jobFailures: count.describe("job runs that failed"),
    notificationFailures: count.describe("notification jobs that failed for good"),
    brokerRejections: count.describe("orders KIS refused"),
  }),
});

/** The detailed health of the process. */
export type HealthDetails = z.infer<typeof healthDetailsSchema>;

/** What {@link loadHealthDetails} reads. */
export interface HealthSources {
  readonly mode: "demo" | "kis";
  readonly label: string;
  readonly role: Role;
  readonly store: Store;
  readonly broker: Broker;
  /** The process's metrics: the KIS client's state and the error counters. */
  readonly metrics: AppMetrics;
  /** How old a balance read may be to stand for the broker's REST state (default 5 s). */
  readonly balanceMaxAgeMs?: number;
}

/** The role `env` names (`ROLE`), or `all` when it names none the app knows. */
export function roleNamedIn(env: Record<string, string | undefined>): Role {
  try {
    return parseRole(env);
  } catch {
    return "all";
  }
}

/** The sum of `name`'s samples (a counter, or a histogram's `_count`/`_sum`) that `keep` accepts. */
async function total(
  metrics: AppMetrics,
  name: string,
  keep: (labels: Record<string, string | number>) => boolean = () => true,
): Promise<number> {
  const series = name.replace(/_(count|sum)$/, "");
  const metric = metrics.registry.getSingleMetric(series);
  if (metric === undefined) return 0;
  return (await metric.get()).values
    .filter((sample) =>
      (series === name || (sample as { metricName?: string }).metricName === name) &&
      keep(sample.labels as Record<string, string | number>)
    )
    .reduce((sum, sample) => sum + sample.value, 0);
}

async function errorCounts(metrics: AppMetrics): Promise<HealthDetails["errors"]> {
  const [http, kis, jobs, notify, broker] = await Promise.all([
    total(metrics, "http_requests_total", (l) => String(l.status).startsWith("5")),
    total(metrics, "kis_rest_requests_total", (l) => l.outcome !== "ok"),
    total(metrics, "job_runs_total", (l) => l.outcome === "error"),
    total(metrics, "notify_jobs_total", (l) => l.outcome === "failed"),
    total(metrics, "trading_orders_rejected_total", (l) => l.source === "broker"),
  ]);
  return {
    httpServerErrors: http,
    kisRestErrors: kis,
    jobFailures: jobs,
    notificationFailures: notify,
    brokerRejections: broker,
  };
}

/**
 * Reads the process's detailed health. Never throws for what it reports on: a broker that does
 * not answer, or a KV read that fails, is reported as such.
 */
export async function loadHealthDetails(sources: HealthSources): Promise<HealthDetails> {
  const { store, metrics } = sources;
  const balance = recentBalance(sources.broker, {
    maxAgeMs: sources.balanceMaxAgeMs,
    now: store.now,
  });
  const [rest, kv, killSwitch, runs, queue] = await Promise.all([
    readBroker(() => balance.balance),
    probeKv(store.kv),
    readKillSwitch(store.kv),
    new KvJobStatusStore(store.kv).list(),
    notifyQueueDepth(store.kv),
  ]);
  // after the reads, so the counts include the balance read's calls
  const [errors, requests, waited] = await Promise.all([
    errorCounts(metrics),
    total(metrics, "kis_rate_budget_wait_seconds_count"),
    total(metrics, "kis_rate_budget_wait_seconds_sum"),
  ]);
  const kis = metrics.kis.state();
  const lastRuns = new Map(runs.map(({ name, ...run }) => [name, run]));
  return {
    version: VERSION,
    role: sources.role,
    mode: sources.mode,
    label: sources.label,
    uptimeSeconds: performance.now() / 1000,
    kis: {
      rest: { ok: rest.ok, error: rest.ok ? null : rest.error, checkedAt: balance.at },
      token: {
        expiresAt: kis.tokenExpiresAt,
        // KIS states expiry in wall time
        secondsLeft: kis.tokenExpiresAt === null ? null : (kis.tokenExpiresAt - Date.now()) / 1000,
      },
      ws: {
        connected: kis.wsConnected,
        subscriptions: kis.wsSubscriptions,
        reconnects: kis.wsReconnects,
      },
      rateBudget: { perSecond: kis.ratePerSecond, requests, waitedSeconds: waited },
    },
    kv,
    killSwitch: killSwitch.state,
    jobs: JOB_NAMES.map((name) => ({ name, lastRun: lastRuns.get(name) ?? null })),
    notifications: queue,
    errors,
  };
}
