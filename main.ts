/**
 * Production entry: starts the app's services (the embedded demo without KIS keys, else a KIS
 * broker; see docs/runtime.md) and what its `ROLE` runs: `all` (default) serves the app built by
 * `deno task build`, schedules the engine's jobs and watches alerts in real time; `web` serves
 * and schedules; `worker` watches alerts and answers only liveness and metrics. It listens on
 * `HOST`:`PORT`. A bad setting or an address that cannot be used ends the process with one line
 * (exit 2 and 1); SIGINT or SIGTERM stops the jobs, closes the services and exits 0.
 * @module
 */
import { listenFailure, runCli, UsageError } from "@/cli/_args.ts";
import { startAuth } from "@/core/auth/mod.ts";
import { type AppConfig, configSummary, parseAppEnv } from "@/core/config/env.ts";
import { CachedBrokerBars } from "@/core/data/mod.ts";
import { KvJobStatusStore, QueueDispatcher, registerCronsAtLoad } from "@/core/jobs/mod.ts";
import { labQueueHandler } from "@/core/lab/mod.ts";
import { configureLog, log } from "@/core/obs/log.ts";
import { registerSecretsFromEnv } from "@/core/obs/redact.ts";
import { traceSamplerProblem } from "@/core/obs/tracing.ts";
import { dailyReportJob } from "@/core/report/mod.ts";
import {
  type AppServices,
  type Notifications,
  type RoleRuntime,
  type RuntimeEnv,
  seedDemo,
  type ServiceOptions,
  setAppConfig,
  setAppEngine,
  setAppServices,
  startNotifications,
  startRole,
  startServices,
  workerHandler,
} from "@/core/runtime/mod.ts";
import { createApp } from "@/core/web/mod.ts";
import webConfig from "./fresh.config.ts";
import manifest from "./fresh.gen.ts";

/**
 * Every job's cron, registered while this module loads: Deno Deploy picks up only the `Deno.cron`
 * calls made at the top level of the module graph. The engine binds its handlers once it has
 * started; until then, and in a process that runs no jobs, a firing is skipped with a log line.
 */
const crons = registerCronsAtLoad();

const USAGE = `usage: deno task start | deno task web | deno task worker

Serves the app on HOST:PORT (default 0.0.0.0:8000) and runs the trading engine. ROLE=all (start)
runs everything; web serves pages and the API and runs the scheduled jobs; worker watches alerts
on the realtime stream. Without KIS_APP_KEY, KIS_APP_SECRET and KIS_ACCOUNT it runs the embedded
demo market (모의 시장).`;

/** Starts the services, seeds the demo on its first run and logs which market the app trades. */
async function startRuntime(env: RuntimeEnv, options: ServiceOptions): Promise<AppServices> {
  const services = await startServices(env, options);
  try {
    if (services.mode === "demo") {
      const market = { broker: services.broker, account: services.accountId };
      const seeded = await seedDemo(services.store, market);
      if (seeded.strategyConfigs.length > 0 || seeded.alerts.length > 0 || seeded.targets) {
        log("info", "demo seeded", { ...seeded });
      }
    }
  } catch (error) {
    await services.close();
    throw error;
  }
  const { mode, label, store } = services;
  const caption = services.simulator?.status().caption;
  log("info", "market", { mode, label, kvPath: store.path, ...(caption ? { caption } : {}) });
  return services;
}

/** Stops the role, closes the services on SIGINT or SIGTERM and exits 0, with one line. */
function closeOnSignal(runtime: RoleRuntime, services: AppServices): void {
  let stopping = false;
  const stop = async (signal: Deno.Signal) => {
    // Ctrl-C under `deno task` reaches the server twice: from the terminal and forwarded by the task.
    if (stopping) return;
    stopping = true;
    log("info", "stopping", { signal });
    crons.stop();
    try {
      await runtime.close();
    } finally {
      await services.close();
    }
    Deno.exit(0);
  };
  for (const signal of ["SIGINT", "SIGTERM"] as const) {
    Deno.addSignalListener(signal, () => void stop(signal));
  }
}

/**
 * Reads the whole environment once; logs every setting on one line, secrets masked; a bad
 * environment ends the start with one line naming every bad variable.
 */
function readConfig(): AppConfig {
  const env = Deno.env.toObject();
  registerSecretsFromEnv(env);
  let config: AppConfig;
  try {
    config = parseAppEnv(env);
  } catch (error) {
    throw new UsageError((error as Error).message, { helpHint: false });
  }
  configureLog(config.log);
  log("info", "config", { settings: configSummary(env) });
  const samplerProblem = config.notify.channels.length > 0 ? traceSamplerProblem(env) : null;
  if (samplerProblem !== null) {
    log("error", "traces would carry notification tokens", { samplerProblem });
  }
  setAppConfig(config);
  return config;
}

async function serve(): Promise<void> {
  const config = readConfig();
  const { role, server: settings } = config;
  const app = role === "worker" ? undefined : await createApp(manifest, webConfig);
  const services = await startRuntime(config.runtime, { rateBudget: config.kisRateBudget });
  let runtime: RoleRuntime;
  try {
    // the KV handle's one queue listener: notifications and backtest lab jobs
    const queue = new QueueDispatcher(services.store.kv);
    const notifications: Notifications = startNotifications(queue, config.notify);
    const { store, broker } = services;
    queue.register(labQueueHandler({
      store,
      bars: new CachedBrokerBars({ broker, kv: store.kv, now: store.now }),
    }));
    queue.listen().catch((error) => log("error", "queue listener stopped", { error }));
    // Here rather than at the first API request, so a one-time admin password shows at start.
    if (role !== "worker") await startAuth(services.store, config.auth);
    const dailyReport = dailyReportJob({
      store: services.store,
      broker: services.broker,
      accountId: services.accountId,
      notifier: notifications.notifier,
      jobStatus: new KvJobStatusStore(services.store.kv),
    });
    if (role === "worker") crons.idle("the worker role runs no jobs");
    else if (services.mode === "demo") crons.idle("the demo's jobs follow its simulated clock");
    runtime = await startRole(role, services, {
      notify: notifications.notify,
      dailyReport,
      cron: services.mode === "demo" ? undefined : crons.cron,
    });
    log("info", "role", { role, notificationChannels: notifications.channels });
  } catch (error) {
    await services.close();
    throw error;
  }
  setAppServices(services);
  setAppEngine(runtime.engine);
  closeOnSignal(runtime, services);
  const address = `${settings.hostname}:${settings.port}`;
  try {
    Deno.serve({
      ...settings,
      onListen: (addr) => {
        log("info", "listening", { url: `http://${addr.hostname}:${addr.port}/` });
        runtime.afterListen();
      },
    }, app?.fetch ?? workerHandler(config.metrics, () => runtime.stream()));
  } catch (error) {
    await runtime.close();
    await services.close();
    throw new Error(listenFailure(error, address) ?? `cannot listen on ${address}: ${error}`, {
      cause: error,
    });
  }
}

/** Serves the app, or ends the process with one line saying why it cannot. */
export function start(): Promise<void> {
  return runCli({ name: "start", usage: USAGE }, serve, []);
}

if (import.meta.main) await start();
