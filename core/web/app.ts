/**
 * Assembles the web server: `fresh.config.ts`'s middlewares, hashed bundles and `static/` (as one
 * middleware), then the file-system routes; every answer compressed when the client accepts it.
 * @module
 */
import { log } from "../obs/log.ts";
import { readClientBuild } from "./bundle.ts";
import { compressResponse } from "./compress.ts";
import type { Middleware } from "./define.ts";
import type { Manifest } from "./manifest.ts";
import { createRouter } from "./router.ts";
import { serveStatic } from "./static_files.ts";

/** The web layer's settings, as `fresh.config.ts` declares them. */
export interface WebConfig {
  /** Folder of files served as they are; defaults to `static`. */
  readonly staticDir?: string;
  /**
   * Middlewares run for every request before static files and routes, in Fresh 2's shape
   * `(ctx) => Response` (what `app.use(...)` takes there).
   */
  readonly middlewares?: readonly Middleware[];
}

/** Types a `fresh.config.ts` default export. */
export function defineConfig(config: WebConfig): WebConfig {
  return config;
}

/** The built app: hand `fetch` to `Deno.serve`. */
export interface WebApp {
  fetch(req: Request, info?: Deno.ServeHandlerInfo): Promise<Response>;
}

const IMMUTABLE = "public, max-age=31536000, immutable";
const REVALIDATE = "public, max-age=0, must-revalidate";

/** Builds the app for a manifest; reads the client build written by `deno task build`. */
export async function createApp(manifest: Manifest, config: WebConfig = {}): Promise<WebApp> {
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
    fixedTopLevel: true,
  });
  const files: Middleware = async (ctx) =>
    (await bundles(ctx.req, ctx.url)) ?? (await statics(ctx.req, ctx.url)) ?? ctx.next();
  const handle = createRouter(manifest, client, {
    middlewares: [...config.middlewares ?? [], files],
    reportError: (error, req) => {
      log("error", "request failed", { method: req.method, url: req.url, error });
    },
  });
  return {
    fetch: async (req, info) => compressResponse(req, await handle(req, info)),
  };
}

/** The folder holding the manifest file, as a path. */
export function projectRoot(manifest: Manifest): string {
  return decodeURIComponent(new URL(".", manifest.baseUrl).pathname).replace(/\/$/, "");
}
