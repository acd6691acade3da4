#!/usr/bin/env -S deno run -A --watch=static/,routes/,islands/,core/
/**
 * Development entry. `deno run -A dev.ts` regenerates `fresh.gen.ts`, rebuilds the island bundles
 * and serves; `dev.ts build` stops after the build, `dev.ts manifest` after the manifest. A failed
 * build (a route file the router would refuse, a bundler error) ends with one line, exit code 1.
 * @module
 */
import { runCli, UsageError } from "@/cli/_args.ts";
import { buildApiDocsAssets, buildClient, renderManifest, scanProject } from "@/core/web/mod.ts";
import { log } from "@/core/obs/log.ts";

const USAGE = `usage: deno run dev.ts [build | manifest]

Regenerates fresh.gen.ts, bundles the islands into _fresh/ and serves (build: stop after the
bundles; manifest: stop after fresh.gen.ts).`;

async function develop(argv: readonly string[]): Promise<void> {
  const root = decodeURIComponent(new URL(".", import.meta.url).pathname).replace(/\/$/, "");
  const mode = argv[0] ?? "serve";
  if (!["serve", "build", "manifest"].includes(mode) || argv.length > 1) {
    throw new UsageError(`unknown mode "${argv.join(" ")}": use build, manifest or nothing`);
  }
  const files = await scanProject(root);
  const manifestPath = `${root}/fresh.gen.ts`;
  const source = renderManifest(files, "./core/web/manifest.ts");
  const current = await Deno.readTextFile(manifestPath).catch(() => "");
  if (current !== source) {
    await Deno.writeTextFile(manifestPath, source);
    log("info", "manifest written", {
      path: "fresh.gen.ts",
      routes: files.routes.length,
      islands: files.islands.length,
    });
  }
  if (mode !== "manifest") {
    const build = await buildClient({ root, islands: files.islands });
    const docs = await buildApiDocsAssets(root);
    log("info", "client built", {
      boot: build.boot,
      islands: Object.keys(build.islands).length,
      apiDocs: docs.script,
    });
  }
  if (mode === "serve") await (await import("./main.ts")).start();
}

if (import.meta.main) await runCli({ name: "build", usage: USAGE }, develop);
