/**
 * Builds the browser code: one `deno bundle --code-splitting` run over the boot module and every
 * island, so Preact and signals live in shared chunks, then content-hashed file names and brotli and
 * gzip copies of each file.
 * @module
 */
import { compressBytes, ENCODING_SUFFIX } from "./compress.ts";
import type { ClientBuild } from "./render.ts";

/** Where a build goes and what it covers. */
export interface BundleOptions {
  /** Project root (holds deno.json). */
  readonly root: string;
  /** Island files relative to the root, e.g. `islands/Counter.tsx`. */
  readonly islands: readonly string[];
  /** Output folder relative to the root; defaults to `_fresh`. */
  readonly outDir?: string;
  /** URL prefix the bundles are served under; defaults to `/_fresh/js`. */
  readonly urlPrefix?: string;
}

const BOOT_MODULE = new URL("./client/boot.ts", import.meta.url).href;

/** Runs the bundler and writes `<outDir>/js/*` plus `<outDir>/build.json`; returns the build. */
export async function buildClient(options: BundleOptions): Promise<ClientBuild> {
  const outDir = `${options.root}/${options.outDir ?? "_fresh"}`;
  const urlPrefix = options.urlPrefix ?? "/_fresh/js";
  const entriesDir = `${outDir}/entries`;
  const staging = `${outDir}/staging`;
  await Deno.remove(outDir, { recursive: true }).catch(ignoreNotFound);
  await Deno.mkdir(entriesDir, { recursive: true });

  // Entry stubs share one folder so esbuild writes entries and chunks side by side, and an entry
  // can be renamed after hashing without breaking a relative import. An island stub re-exports the
  // whole module as `island`, which the boot module reads the component from.
  const entries = new Map<string, string>([["boot", `import "${BOOT_MODULE}";\n`]]);
  const islandEntries = new Map<string, string>();
  options.islands.forEach((file, i) => {
    const stem = `island_${i}_${
      file.replace(/^.*\//, "").replace(/\.\w+$/, "").replace(/[^\w]/g, "_")
    }`;
    entries.set(stem, `export * as island from "../../${file}";\n`);
    islandEntries.set(`./${file}`, stem);
  });
  for (const [stem, source] of entries) {
    await Deno.writeTextFile(`${entriesDir}/${stem}.ts`, source);
  }

  const command = new Deno.Command(Deno.execPath(), {
    args: [
      "bundle",
      "--quiet",
      "--platform=browser",
      "--code-splitting",
      "--minify",
      `--outdir=${staging}`,
      ...[...entries.keys()].map((stem) => `${entriesDir}/${stem}.ts`),
    ],
    cwd: options.root,
    stdout: "piped",
    stderr: "piped",
  });
  const { code, stderr } = await command.output();
  if (code !== 0) throw new Error(`deno bundle failed:\n${new TextDecoder().decode(stderr)}`);

  const jsDir = `${outDir}/js`;
  await Deno.mkdir(jsDir, { recursive: true });
  const urls = new Map<string, string>();
  for await (const entry of Deno.readDir(staging)) {
    if (!entry.isFile) continue;
    const stem = entry.name.replace(/\.js$/, "");
    let name = entry.name;
    if (entries.has(stem)) {
      const bytes = await Deno.readFile(`${staging}/${entry.name}`);
      name = `${stem.replace(/^island_\d+_/, "")}-${await contentHash(bytes)}.js`;
      urls.set(stem, `${urlPrefix}/${name}`);
    }
    await Deno.rename(`${staging}/${entry.name}`, `${jsDir}/${name}`);
    await precompress(`${jsDir}/${name}`);
  }
  await Deno.remove(staging, { recursive: true });
  await Deno.remove(entriesDir, { recursive: true });

  const build: ClientBuild = {
    boot: urls.get("boot")!,
    islands: Object.fromEntries([...islandEntries].map(([file, stem]) => [file, urls.get(stem)!])),
  };
  await Deno.writeTextFile(`${outDir}/build.json`, JSON.stringify(build, null, 2) + "\n");
  return build;
}

/** Writes `<file>.br` and `<file>.gz` next to a bundle, at the best ratio, for the server to send. */
export async function precompress(file: string): Promise<void> {
  const bytes = await Deno.readFile(file);
  for (const encoding of ["br", "gzip"] as const) {
    const body = await compressBytes(bytes, encoding, { best: true });
    await Deno.writeFile(file + ENCODING_SUFFIX[encoding], body);
  }
}

/** Reads `<outDir>/build.json`, or returns `null` when there is no build yet. */
export async function readClientBuild(
  root: string,
  outDir = "_fresh",
): Promise<ClientBuild | null> {
  try {
    return JSON.parse(await Deno.readTextFile(`${root}/${outDir}/build.json`)) as ClientBuild;
  } catch (error) {
    if (error instanceof Deno.errors.NotFound) return null;
    throw error;
  }
}

/** The first 12 hex digits of the SHA-256 of some bytes. */
export async function contentHash(bytes: Uint8Array): Promise<string> {
  const digest = new Uint8Array(
    await crypto.subtle.digest("SHA-256", bytes as Uint8Array<ArrayBuffer>),
  );
  return [...digest.slice(0, 6)].map((b) => b.toString(16).padStart(2, "0")).join("");
}

function ignoreNotFound(error: unknown): void {
  if (!(error instanceof Deno.errors.NotFound)) throw error;
}
