/**
 * Production entry: serves the app built by `deno task build` on `HOST`:`PORT`. A bad setting or
 * an address that cannot be used ends the process with one line (exit 2 and 1).
 * @module
 */
import { listenFailure, runCli, UsageError } from "@/cli/_args.ts";
import { parseServerEnv } from "@/core/config/server.ts";
import { log } from "@/core/obs/log.ts";
import { createApp } from "@/core/web/mod.ts";
import config from "./fresh.config.ts";
import manifest from "./fresh.gen.ts";

const USAGE = `usage: deno task start

Builds the island bundles, then serves the app on HOST:PORT (default 0.0.0.0:8000).`;

async function serve(): Promise<void> {
  let settings;
  try {
    settings = parseServerEnv(Deno.env.toObject());
  } catch (error) {
    throw new UsageError((error as Error).message, { helpHint: false });
  }
  const app = await createApp(manifest, config);
  const address = `${settings.hostname}:${settings.port}`;
  try {
    Deno.serve({
      ...settings,
      onListen: (addr) =>
        log("info", "listening", { url: `http://${addr.hostname}:${addr.port}/` }),
    }, app.fetch);
  } catch (error) {
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
