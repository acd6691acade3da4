import assert from "node:assert/strict";
import { AlertRepository } from "../../core/alerts/repository.ts";
import { parseSymbolCode } from "../../core/krx/mod.ts";
import { STREAM_LEASE_RENEW_MS, STREAM_LEASE_TTL_MS } from "../../core/runtime/mod.ts";
import { openStore } from "../../core/store/mod.ts";
import { brokerOn, type CrashSim, startSharedSimulator } from "../_support/shared_sim.ts";
import { PROJECT_ROOT, removeKv, serveArgs, tempKvPath } from "../e2e/_app_server.ts";

/** How long a worker may take to start and stream: an event bound, not a speed target. */
const START_WITHIN_MS = 30_000;
/** Beyond the lease's expiry, what a takeover may add: a renewal tick, starting the stream. */
const TAKEOVER_SLACK_MS = 8_000;

interface Worker {
  readonly child: Deno.ChildProcess;
  readonly lines: Record<string, unknown>[];
  /** Resolves with the first line `test` accepts, waiting up to `withinMs`. */
  line(
    test: (line: Record<string, unknown>) => boolean,
    withinMs: number,
  ): Promise<Record<string, unknown>>;
  url(): string;
}

/** `main.ts` with `ROLE=worker` on the shared simulator's account and the KV file at `kvPath`. */
async function startWorker(shared: CrashSim, kvPath: string): Promise<Worker> {
  const child = new Deno.Command(Deno.execPath(), {
    args: await serveArgs(),
    cwd: PROJECT_ROOT,
    env: {
      ROLE: "worker",
      PORT: "0",
      HOST: "127.0.0.1",
      KV_PATH: kvPath,
      LOG_LEVEL: "info",
      KIS_APP_KEY: shared.appKey,
      KIS_APP_SECRET: shared.appSecret,
      KIS_ACCOUNT: shared.account,
      KIS_ENV: shared.env,
      KIS_REST_URL: shared.restUrl,
      KIS_WS_URL: shared.wsUrl,
    },
    stdout: "piped",
    stderr: "piped",
  }).spawn();
  const lines: Record<string, unknown>[] = [];
  const read = async (stream: ReadableStream<Uint8Array<ArrayBuffer>>) => {
    let rest = "";
    for await (const chunk of stream.pipeThrough(new TextDecoderStream())) {
      const parts = (rest + chunk).split("\n");
      rest = parts.pop()!;
      for (const part of parts) {
        lines.push(part.startsWith("{") ? JSON.parse(part) : { text: part });
      }
    }
  };
  void read(child.stdout);
  void read(child.stderr);
  const line = async (test: (line: Record<string, unknown>) => boolean, withinMs: number) => {
    const deadline = Date.now() + withinMs;
    for (;;) {
      const found = lines.find(test);
      if (found) return found;
      if (Date.now() > deadline) {
        throw new Error(
          `no such line within ${withinMs} ms:\n${lines.map((l) => JSON.stringify(l)).join("\n")}`,
        );
      }
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  };
  await line((l) => l.msg === "listening", START_WITHIN_MS);
  const listening = lines.find((l) => l.msg === "listening")!;
  return { child, lines, line, url: () => String(listening.url).replace(/\/$/, "") };
}

async function streamRole(worker: Worker): Promise<unknown> {
  const res = await fetch(`${worker.url()}/api/v1/health/live`);
  return (await res.json() as { stream?: unknown }).stream;
}

Deno.test("two workers on one KV file and one app key: one streams, the other stands by, and takes over after the first is killed", async () => {
  const kvPath = tempKvPath();
  await using rig = await startSharedSimulator(21);
  const workers: Worker[] = [];
  try {
    {
      // an alert gives the worker a symbol to stream; the token is cached in the file first
      using store = await openStore({ path: `${PROJECT_ROOT}/${kvPath}`, now: rig.now });
      const quote = await brokerOn(rig.shared, store.kv).getQuote(parseSymbolCode("005930"));
      await new AlertRepository(store).create({
        account: rig.shared.account,
        symbol: "005930",
        rule: { kind: "price_above", price: quote.upperLimit },
      });
    }
    const watching = (l: Record<string, unknown>) => l.msg === "alerts: watching trades";
    const first = await startWorker(rig.shared, kvPath);
    workers.push(first);
    await first.line(watching, START_WITHIN_MS);
    const second = await startWorker(rig.shared, kvPath);
    workers.push(second);
    await second.line(
      (l) => l.msg === "standing by: another process holds the KIS stream",
      START_WITHIN_MS,
    );
    assert.equal(await streamRole(first), "holder");
    assert.equal(await streamRole(second), "standby");

    // two renewals later, still one session at the simulator, and only the first streams
    await new Promise((resolve) => setTimeout(resolve, 2 * STREAM_LEASE_RENEW_MS));
    const sessions = rig.sim.realtimeSessions();
    assert.equal(sessions.length, 1, JSON.stringify(sessions));
    assert.ok(sessions[0]!.some((id) => id.endsWith("|005930")), JSON.stringify(sessions));
    assert.ok(!second.lines.some(watching), "the standby does not stream");

    first.child.kill("SIGKILL");
    const killedAt = Date.now();
    await first.child.status;
    await second.line(watching, STREAM_LEASE_TTL_MS + STREAM_LEASE_RENEW_MS + TAKEOVER_SLACK_MS);
    const takeoverMs = Date.now() - killedAt;
    assert.ok(
      takeoverMs <= STREAM_LEASE_TTL_MS + STREAM_LEASE_RENEW_MS + TAKEOVER_SLACK_MS,
      `took over in ${takeoverMs} ms`,
    );
    assert.equal(await streamRole(second), "holder");
    const after = rig.sim.realtimeSessions();
    assert.equal(after.length, 1, JSON.stringify(after));
    assert.ok(after[0]!.some((id) => id.endsWith("|005930")), JSON.stringify(after));
  } finally {
    for (const worker of workers) {
      try {
        worker.child.kill("SIGTERM");
      } catch {
        // already ended (the killed holder)
      }
      await worker.child.status;
    }
    await removeKv(kvPath);
  }
});
