/**
 * The dashboard as the benchmarks see it: the real app built from the manifest, its client bundle
 * built, and the embedded demo's services (simulator and a fresh store) set, as `main.ts` does;
 * plus the gzip size of the JavaScript a page loads.
 * @module
 */
import { type AppServices, setAppServices, startServices } from "../core/runtime/mod.ts";
import { buildClient, createApp, scanProject, type WebApp } from "../core/web/mod.ts";
import config from "../fresh.config.ts";
import manifest from "../fresh.gen.ts";

/** The dashboard's pages. */
export const PAGES = ["/", "/orders", "/alerts", "/strategies", "/health"] as const;

const ROOT = decodeURIComponent(new URL("..", import.meta.url).pathname).replace(/\/$/, "");

/** A running dashboard on the demo account; dispose to stop the services and drop the store. */
export interface BenchApp extends AsyncDisposable {
  readonly app: WebApp;
  readonly services: AppServices;
  /** The page's HTML, uncompressed (the server's render time without compression). */
  render(path: string): Promise<string>;
}

/** Builds the client, starts the demo's services on a temporary store and creates the app. */
export async function startBenchApp(): Promise<BenchApp> {
  await buildClient({ root: ROOT, islands: (await scanProject(ROOT)).islands });
  const dir = await Deno.makeTempDir({ prefix: "yeouido-bench-" });
  const services = await startServices({ mode: "demo", kvPath: `${dir}/demo.kv` });
  setAppServices(services);
  const app = await createApp(manifest, config);
  return {
    app,
    services,
    async render(path) {
      const response = await app.fetch(new Request(`http://bench${path}`));
      if (response.status !== 200) throw new Error(`${path} answered ${response.status}`);
      return await response.text();
    },
    async [Symbol.asyncDispose]() {
      await services.close();
      await Deno.remove(dir, { recursive: true });
    },
  };
}

/**
 * The gzip bytes of every JavaScript file `html` makes the browser load: its module scripts and
 * preloads, and every chunk they import, each counted once, as the server sends them.
 */
export async function pageJsGzipBytes(app: WebApp, html: string): Promise<number> {
  const pending = [
    ...html.matchAll(/<(?:script[^>]*\bsrc|link rel="modulepreload" href)="([^"]+\.js)"/g),
  ].map((m) => m[1]!);
  const seen = new Set<string>();
  let bytes = 0;
  while (pending.length > 0) {
    const url = pending.pop()!;
    if (seen.has(url)) continue;
    seen.add(url);
    const response = await app.fetch(
      new Request(`http://bench${url}`, { headers: { "accept-encoding": "gzip" } }),
    );
    const body = new Uint8Array(await response.arrayBuffer());
    bytes += body.byteLength;
    const code = response.headers.get("content-encoding") === "gzip"
      ? await new Response(
        new Blob([body]).stream().pipeThrough(new DecompressionStream("gzip")),
      ).text()
      : new TextDecoder().decode(body);
    const dir = url.slice(0, url.lastIndexOf("/") + 1);
    for (const m of code.matchAll(/(?:from|import)\s*"\.\/([\w.-]+\.js)"/g)) {
      pending.push(dir + m[1]!);
    }
  }
  return bytes;
}
