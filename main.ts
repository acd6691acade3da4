/**
 * Production entry: serves the app built by `deno task build` on `HOST`:`PORT`.
 * @module
 */
import { parseServerEnv } from "@/core/config/server.ts";
import { log } from "@/core/obs/log.ts";
import { createApp } from "@/core/web/mod.ts";
import config from "./fresh.config.ts";
import manifest from "./fresh.gen.ts";

const { port, hostname } = parseServerEnv(Deno.env.toObject());
const app = await createApp(manifest, config);
Deno.serve({
  port,
  hostname,
  onListen: (addr) => log("info", "listening", { url: `http://${addr.hostname}:${addr.port}/` }),
}, app.fetch);
