/**
 * Production entry: starts the app's services (the embedded demo without KIS keys, else a KIS
 * broker; see docs/runtime.md) and serves the app built by `deno task build` on `HOST`:`PORT`.
 * A bad setting or an address that cannot be used ends the process with one line (exit 2 and 1);
 * SIGINT or SIGTERM closes the services and ends it with exit 0.
 * @module
 */
import { listenFailure, runCli, UsageError } from "@/cli/_args.ts";
import { startAuth } from "@/core/auth/mod.ts";
import { parseAuthEnv } from "@/core/config/auth.ts";
import { parseServerEnv } from "@/core/config/server.ts";
import { log } from "@/core/obs/log.ts";
import {
  type AppServices,
  parseRuntimeEnv,
  type RuntimeEnv,
  seedDemo,
  setAppServices,
  startServices,
} from "@/core/runtime/mod.ts";
import { createApp } from "@/core/web/mod.ts";
import config from "./fresh.config.ts";
import manifest from "./fresh.gen.ts";

const USAGE = `usage: deno task start

Builds the island bundles, then serves the app on HOST:PORT (default 0.0.0.0:8000). Without
KIS_APP_KEY, KIS_APP_SECRET and KIS_ACCOUNT it runs the embedded demo market (모의 시장).`;

/** Starts the services, seeds the demo on its first run and logs which market the app trades. */
async function startRuntime(env: RuntimeEnv): Promise<AppServices> {
  const services = await startServices(env);
  try {
    if (services.mode === "demo") {
      const seeded = await seedDemo(services.store);
      if (seeded.length > 0) log("info", "demo seeded", { strategyConfigs: seeded });
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

/** Closes the services on SIGINT or SIGTERM and exits 0, with one line. */
function closeOnSignal(services: AppServices): void {
  let stopping = false;
  const stop = async (signal: Deno.Signal) => {
    // Ctrl-C under `deno task` reaches the server twice: from the terminal and forwarded by the task.
    if (stopping) return;
    stopping = true;
    log("info", "stopping", { signal });
    await services.close();
    Deno.exit(0);
  };
  for (const signal of ["SIGINT", "SIGTERM"] as const) {
    Deno.addSignalListener(signal, () => void stop(signal));
  }
}

async function serve(): Promise<void> {
  let settings;
  let runtime;
  let authSettings;
  try {
    settings = parseServerEnv(Deno.env.toObject());
    runtime = parseRuntimeEnv(Deno.env.toObject());
    authSettings = parseAuthEnv(Deno.env.toObject());
  } catch (error) {
    throw new UsageError((error as Error).message, { helpHint: false });
  }
  const app = await createApp(manifest, config);
  const services = await startRuntime(runtime);
  // Here rather than at the first API request, so a one-time admin password shows at start.
  await startAuth(services.store, authSettings);
  setAppServices(services);
  closeOnSignal(services);
  const address = `${settings.hostname}:${settings.port}`;
  try {
    Deno.serve({
      ...settings,
      onListen: (addr) =>
        log("info", "listening", { url: `http://${addr.hostname}:${addr.port}/` }),
    }, app.fetch);
  } catch (error) {
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
