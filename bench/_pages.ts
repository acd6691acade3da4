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

/** The dashboard's pages (the lab with its default inputs: three symbols over a year). */
export const PAGES = [
  "/",
  "/orders",
  "/alerts",
  "/strategies",
  "/strategies/compare",
  "/backtest",
  "/rebalancing",
  "/reports",
  "/settings",
  "/settings/users",
  "/health",
  "/about",
] as const;

/** The first admin's password on the bench's fresh store. */
const BENCH_PASSWORD = "bench admin passphrase";

const ROOT = decodeURIComponent(new URL("..", import.meta.url).pathname).replace(/\/$/, "");

/** A running dashboard on the demo account; dispose to stop the services and drop the store. */
export interface BenchApp extends AsyncDisposable {
  readonly app: WebApp;
  readonly services: AppServices;
  /** The page's HTML, uncompressed (the server's render time without compression). */
  render(path: string): Promise<string>;
}

/** Signs in as the first admin through the sign-in form; the session's `Cookie` header. */
async function signIn(app: WebApp): Promise<string> {
  const response = await app.fetch(
    new Request("http://bench/login", {
      method: "POST",
      headers: { origin: "http://bench" },
      body: new URLSearchParams({ username: "admin", password: BENCH_PASSWORD }),
    }),
  );
  await response.body?.cancel();
  if (response.status !== 303) throw new Error(`sign-in answered ${response.status}`);
  return response.headers.getSetCookie().map((line) => line.split(";")[0]).join("; ");
}

/**
 * Builds the client, starts the demo's services on a temporary store, creates the app and signs
 * in, so that pages render for a signed-in admin as a browser sees them (with the API's rate limit
 * lifted: the bench's renders are not one browser's pace).
 */
export async function startBenchApp(): Promise<BenchApp> {
  await buildClient({ root: ROOT, islands: (await scanProject(ROOT)).islands });
  const dir = await Deno.makeTempDir({ prefix: "yeouido-bench-" });
  Deno.env.set("ADMIN_PASSWORD", BENCH_PASSWORD);
  // every render asks the API in-process (the gate's /auth/me at least): thousands a minute
  Deno.env.set("API_RATE_LIMIT", "1000000");
  const services = await startServices({ mode: "demo", kvPath: `${dir}/demo.kv` });
  setAppServices(services);
  const app = await createApp(manifest, config);
  const cookie = await signIn(app);
  return {
    app,
    services,
    async render(path) {
      const response = await app.fetch(new Request(`http://bench${path}`, { headers: { cookie } }));
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
