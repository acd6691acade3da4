/**
 * Starts the real app (`main.ts`) as a child process on a free port, after building its client
 * bundle, and stops it again. Without KIS keys the app runs the embedded demo; each server gets
 * its own store under data/ unless the caller names one.
 * @module
 */
import { buildApiDocsAssets, buildClient, scanProject } from "@/core/web/mod.ts";

/** The project root. */
export const PROJECT_ROOT = decodeURIComponent(new URL("../..", import.meta.url).pathname).replace(
  /\/$/,
  "",
);

/** A running app server. */
export interface AppServer {
  /** Base URL without a trailing slash, e.g. `http://127.0.0.1:41234`. */
  readonly url: string;
  /** Every log line the server printed so far. */
  readonly logs: string[];
  /** The server's process id. */
  readonly pid: number;
  /** Sends SIGTERM (or `signal`) and waits for the exit; removes the store it made. */
  stop(signal?: Deno.Signal): Promise<Deno.CommandStatus>;
}

/**
 * The arguments after `deno` that `deno task start` serves with, after its build step: the
 * server's own permissions, so tests run it exactly as users do.
 */
export async function serveArgs(): Promise<string[]> {
  const config = JSON.parse(await Deno.readTextFile(`${PROJECT_ROOT}/deno.json`));
  const serve = (config.tasks.start as string).split("&&").at(-1)!.trim().split(/\s+/);
  if (serve[0] !== "deno" || serve.at(-1) !== "main.ts") {
    throw new Error(`deno task start no longer ends with "deno ... main.ts": ${serve.join(" ")}`);
  }
  return serve.slice(1);
}

/** The first admin's password every test server starts with (`ADMIN_PASSWORD`). */
export const E2E_ADMIN_PASSWORD = "e2e admin passphrase";

/** Signs in to `url` as the first admin and returns headers carrying the access token. */
export async function adminHeaders(url: string): Promise<HeadersInit> {
  const res = await fetch(`${url}/api/v1/auth/login`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ username: "admin", password: E2E_ADMIN_PASSWORD, refreshIn: "body" }),
  });
  if (res.status !== 200) throw new Error(`login failed: ${res.status} ${await res.text()}`);
  return { authorization: `Bearer ${(await res.json()).accessToken}` };
}

/** A fresh KV path under data/, where the start task may write; the caller removes it. */
export function tempKvPath(): string {
  return `data/test-${crypto.randomUUID()}.kv`;
}

/** Removes a KV file and its SQLite sidecars. */
export async function removeKv(path: string): Promise<void> {
  for (const suffix of ["", "-shm", "-wal"]) {
    await Deno.remove(`${PROJECT_ROOT}/${path}${suffix}`).catch(() => {});
  }
}

/**
 * Holds the lock on the island bundles in _fresh/ until the returned file is closed: a build
 * replaces the whole folder, so the servers of test files running in parallel take turns.
 */
export async function lockBundles(): Promise<Deno.FsFile> {
  await Deno.mkdir(`${PROJECT_ROOT}/data`, { recursive: true });
  const file = await Deno.open(`${PROJECT_ROOT}/data/.e2e-bundles.lock`, {
    create: true,
    write: true,
  });
  await file.lock(true);
  return file;
}

/**
 * Builds the islands bundle, then starts `main.ts` with `PORT=0` and no KIS keys (the demo), and
 * waits for its listening log line. One server of this kind runs at a time across test files
 * (the next waits for `stop`).
 */
export async function startAppServer(env: Record<string, string> = {}): Promise<AppServer> {
  const bundles = await lockBundles();
  try {
    return await startLocked(env, bundles);
  } catch (error) {
    bundles.close();
    throw error;
  }
}

async function startLocked(env: Record<string, string>, bundles: Deno.FsFile): Promise<AppServer> {
  await buildClient({ root: PROJECT_ROOT, islands: (await scanProject(PROJECT_ROOT)).islands });
  await buildApiDocsAssets(PROJECT_ROOT);
  const ownKv = env.KV_PATH === undefined ? tempKvPath() : undefined;
  const child = new Deno.Command(Deno.execPath(), {
    args: await serveArgs(),
    cwd: PROJECT_ROOT,
    env: {
      PORT: "0",
      HOST: "127.0.0.1",
      KIS_APP_KEY: "",
      KIS_APP_SECRET: "",
      KIS_ACCOUNT: "",
      ADMIN_PASSWORD: E2E_ADMIN_PASSWORD,
      ...(ownKv ? { KV_PATH: ownKv } : {}),
      ...env,
    },
    stdout: "piped",
    stderr: "piped",
  }).spawn();
  const logs: string[] = [];
  const lines = child.stdout.pipeThrough(new TextDecoderStream()).pipeThrough(splitLines());
  const stderr = child.stderr.pipeThrough(new TextDecoderStream()).pipeThrough(splitLines());
  const drainStderr = (async () => {
    for await (const line of stderr) logs.push(line);
  })();
  const reader = lines.getReader();
  let url: string | undefined;
  while (url === undefined) {
    const { value, done } = await reader.read();
    if (done) {
      await drainStderr;
      if (ownKv) await removeKv(ownKv);
      throw new Error(`main.ts exited before listening:\n${logs.join("\n")}`);
    }
    logs.push(value);
    const entry = JSON.parse(value) as { msg?: string; url?: string };
    if (entry.msg === "listening" && entry.url) url = entry.url.replace(/\/$/, "");
  }
  const drainStdout = (async () => {
    for (let r = await reader.read(); !r.done; r = await reader.read()) logs.push(r.value);
  })();
  return {
    url,
    logs,
    pid: child.pid,
    async stop(signal = "SIGTERM") {
      child.kill(signal);
      const status = await child.status;
      await Promise.all([drainStdout, drainStderr]);
      if (ownKv) await removeKv(ownKv);
      bundles.close();
      return status;
    },
  };
}

function splitLines(): TransformStream<string, string> {
  let buffer = "";
  return new TransformStream({
    transform(chunk, controller) {
      buffer += chunk;
      const parts = buffer.split("\n");
      buffer = parts.pop() ?? "";
      for (const part of parts) if (part.trim() !== "") controller.enqueue(part);
    },
    flush(controller) {
      if (buffer.trim() !== "") controller.enqueue(buffer);
    },
  });
}
