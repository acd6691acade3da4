#!/usr/bin/env -S deno run -A --watch=static/,routes/,islands/,core/
/**
 * Development entry. `deno run -A dev.ts` regenerates `fresh.gen.ts`, rebuilds the island bundles
 * and serves; `dev.ts build` stops after the build, `dev.ts manifest` after the manifest.
 * @module
 */
import { buildClient, renderManifest, scanProject } from "@/core/web/mod.ts";
import { log } from "@/core/obs/log.ts";

const root = decodeURIComponent(new URL(".", import.meta.url).pathname).replace(/\/$/, "");
const mode = Deno.args[0] ?? "serve";
if (!["serve", "build", "manifest"].includes(mode)) {
  throw new Error(`unknown mode "${mode}": use build, manifest or nothing`);
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
  log("info", "client built", { boot: build.boot, islands: Object.keys(build.islands).length });
}
if (mode === "serve") await (await import("./main.ts")).start();
