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
import { parseAuthEnv } from "@/core/config/auth.ts";
import { parseRateBudgetEnv } from "@/core/config/kis_rate_budget.ts";
import { parseLogEnv } from "@/core/config/log.ts";
import { parseServerEnv } from "@/core/config/server.ts";
import { KvJobStatusStore } from "@/core/jobs/mod.ts";
import { configureLog, log } from "@/core/obs/log.ts";
import { registerSecretsFromEnv } from "@/core/obs/redact.ts";
import { dailyReportJob } from "@/core/report/mod.ts";
import {
  type AppServices,
  type Notifications,
  parseRole,
  parseRuntimeEnv,
  type RoleRuntime,
  type RuntimeEnv,
  seedDemo,
  type ServiceOptions,
  setAppEngine,
  setAppServices,
  startNotifications,
  startRole,
  startServices,
  workerHandler,
} from "@/core/runtime/mod.ts";
import { createApp } from "@/core/web/mod.ts";
import config from "./fresh.config.ts";
import manifest from "./fresh.gen.ts";

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

async function serve(): Promise<void> {
  const env = Deno.env.toObject();
  registerSecretsFromEnv(env);
  let settings;
  let runtimeEnv;
  let serviceOptions;
  let role;
  let authSettings;
  try {
    configureLog(parseLogEnv(env));
    settings = parseServerEnv(env);
    runtimeEnv = parseRuntimeEnv(env);
    serviceOptions = { rateBudget: parseRateBudgetEnv(env) };
    role = parseRole(env);
    authSettings = parseAuthEnv(env);
  } catch (error) {
    throw new UsageError((error as Error).message, { helpHint: false });
  }
  const app = role === "worker" ? undefined : await createApp(manifest, config);
  const services = await startRuntime(runtimeEnv, serviceOptions);
  let runtime: RoleRuntime;
  try {
    let notifications: Notifications;
    try {
      notifications = startNotifications(services.store.kv, env);
    } catch (error) {
      throw new UsageError((error as Error).message, { helpHint: false });
    }
    // Here rather than at the first API request, so a one-time admin password shows at start.
    if (role !== "worker") await startAuth(services.store, authSettings);
    const dailyReport = dailyReportJob({
      store: services.store,
      broker: services.broker,
      accountId: services.accountId,
      notifier: notifications.notifier,
      jobStatus: new KvJobStatusStore(services.store.kv),
    });
    runtime = await startRole(role, services, { notify: notifications.notify, dailyReport });
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
    }, app?.fetch ?? workerHandler(env));
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
