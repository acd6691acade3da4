/**
 * Assembles the web server: config middlewares, hashed bundles, `static/`, then the file-system
 * routes, all on one Hono app.
 * @module
 */
import { Hono, type MiddlewareHandler } from "hono";
import { log } from "../obs/log.ts";
import { readClientBuild } from "./bundle.ts";
import type { Manifest } from "./manifest.ts";
import { createRouter } from "./router.ts";
import { serveStatic } from "./static_files.ts";

/** The web layer's settings, as `fresh.config.ts` declares them. */
export interface WebConfig {
  /** Folder of files served as they are; defaults to `static`. */
  readonly staticDir?: string;
  /** Hono middlewares run before everything else (security headers, metrics, auth...). */
  readonly middlewares?: readonly MiddlewareHandler[];
}

/** Types a `fresh.config.ts` default export. */
export function defineConfig(config: WebConfig): WebConfig {
  return config;
}

const IMMUTABLE = "public, max-age=31536000, immutable";
const REVALIDATE = "public, max-age=0, must-revalidate";

/** Builds the Hono app for a manifest; reads the client build written by `deno task build`. */
export async function createApp(manifest: Manifest, config: WebConfig = {}): Promise<Hono> {
  const root = projectRoot(manifest);
  const client = await readClientBuild(root);
  const bundles = serveStatic({
    dir: `${root}/_fresh/js`,
    prefix: "/_fresh/js",
    cacheControl: IMMUTABLE,
  });
  const statics = serveStatic({
    dir: `${root}/${config.staticDir ?? "static"}`,
    prefix: "/",
    cacheControl: REVALIDATE,
  });
  const router = createRouter(manifest, client, (error, req) => {
    log("error", "request failed", { method: req.method, url: req.url, error });
  });
  const app = new Hono();
  for (const middleware of config.middlewares ?? []) app.use(middleware);
  app.all(
    "*",
    async (c) => (await bundles(c.req.raw)) ?? (await statics(c.req.raw)) ?? router(c.req.raw),
  );
  return app;
}

/** The folder holding the manifest file, as a path. */
export function projectRoot(manifest: Manifest): string {
  return decodeURIComponent(new URL(".", manifest.baseUrl).pathname).replace(/\/$/, "");
}
