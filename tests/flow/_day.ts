/**
 * One simulated trading day wired as `main.ts` wires the app: a KisBroker on the simulator
 * (manual clock, seed 1), the store on a temp KV file whose clock is the simulator's,
 * notifications through the Notifier's KV queue to a signed webhook on a loopback receiver, the
 * daily report handler, and `startRole("all", …)` with its jobs registered on a stepped clock.
 * @module
 */
import type { Role } from "../../core/api/access.ts";
import type { ApiApp } from "../../core/api/context.ts";
import { KvJobStatusStore, QueueDispatcher } from "../../core/jobs/mod.ts";
import { parseNotifyEnv } from "../../core/notify/mod.ts";
import type { LogFields, LogLevel } from "../../core/obs/log.ts";
import { dailyReportJob } from "../../core/report/mod.ts";
import {
  type AppServices,
  type Notifications,
  type RoleRuntime,
  startNotifications,
  startRole,
} from "../../core/runtime/mod.ts";
import { openStore, type Store } from "../../core/store/mod.ts";
import { apiAs } from "../api/_api.ts";
import { type E2e, startE2e } from "../broker/kis/_e2e.ts";
import { type RecordingServer, recordingServer } from "../notify/_support.ts";
import { type SteppedCron, steppedCron } from "./_stepped_cron.ts";

/** The webhook's signing secret. */
export const WEBHOOK_SECRET = "flow-test-webhook-secret";

/** One line the app logged. */
export interface LogLine {
  readonly level: LogLevel;
  readonly message: string;
  readonly fields: LogFields;
}

/** The running day: the market, the app's parts and what the test watches them through. */
export interface TradingDay extends AsyncDisposable {
  readonly e2e: E2e;
  readonly store: Store;
  readonly accountId: string;
  readonly services: AppServices;
  readonly notifications: Notifications;
  readonly runtime: RoleRuntime;
  readonly clock: SteppedCron;
  readonly receiver: RecordingServer;
  readonly lines: LogLine[];
  /** The API as the app serves it, to a principal of `role`. */
  api(role: Role): ApiApp;
}

/**
 * Starts the day with the simulator's clock at `start` (a whole minute): `prepare` runs on the
 * store before the role starts (the user's settings and configs), as they would be on disk.
 */
export async function startTradingDay(
  start: Date,
  prepare: (store: Store, accountId: string) => Promise<void>,
): Promise<TradingDay> {
  const e2e = await startE2e(
    { seed: 1, rateLimit: false, cash: 10_000_000, clock: { mode: "manual", start } },
    { requestsPerSecond: 200 },
  );
  const dir = await Deno.makeTempDir({ prefix: "yeouido-flow-" });
  const store = await openStore({
    path: `${dir}/day.kv`,
    now: () => e2e.sim.clock.now().getTime(),
  });
  const accountId = e2e.sim.credentials.account;
  const receiver = recordingServer(() => new Response("ok"));
  const lines: LogLine[] = [];
  const log = (level: LogLevel, message: string, fields: LogFields = {}) =>
    lines.push({ level, message, fields });
  const close = async () => {
    await receiver[Symbol.asyncDispose]();
    store.close();
    await e2e[Symbol.asyncDispose]();
    await Deno.remove(dir, { recursive: true });
  };
  const services: AppServices = {
    mode: "kis",
    label: "KIS (simulator)",
    accountId,
    store,
    broker: e2e.broker,
    appKey: e2e.sim.credentials.appKey,
    close,
    [Symbol.asyncDispose]: close,
  };
  await prepare(store, accountId);
  const queue = new QueueDispatcher(store.kv, log);
  const notifications = startNotifications(
    queue,
    parseNotifyEnv({
      NOTIFY_WEBHOOK_URL: `${receiver.url}/hook`,
      NOTIFY_WEBHOOK_SECRET: WEBHOOK_SECRET,
    }),
    log,
  );
  queue.listen().catch((error) => log("error", "queue stopped", { error }));
  const clock = steppedCron(e2e.sim.clock);
  // as main.ts builds it
  const dailyReport = dailyReportJob({
    store,
    broker: e2e.broker,
    accountId,
    notifier: notifications.notifier,
    jobStatus: new KvJobStatusStore(store.kv),
  });
  const runtime = await startRole("all", services, {
    notify: notifications.notify,
    dailyReport,
    cron: clock.cron,
    log,
  });
  return {
    e2e,
    store,
    accountId,
    services,
    notifications,
    runtime,
    clock,
    receiver,
    lines,
    api: (role) =>
      apiAs(role, {
        store,
        broker: e2e.broker,
        account: { id: accountId, label: services.label },
        mode: services.mode,
      }),
    async [Symbol.asyncDispose]() {
      await runtime.close();
      await close();
    },
  };
}
