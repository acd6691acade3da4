/**
 * Running the crash test's engine (`_crash_engine.ts`) as a real process and killing it with
 * SIGKILL at a planned moment: at a named pause point, or after some progress lines plus a short
 * delay, drawn from a seeded stream so a failing run can be replayed.
 * @module
 */
import { dirname } from "node:path";
import { PROJECT_ROOT } from "../cli/_task.ts";
import type { PausePoint } from "./_crash_engine.ts";

const ENGINE = new URL("./_crash_engine.ts", import.meta.url).pathname;
const PAUSE_POINTS: readonly PausePoint[] = [
  "before_intent",
  "after_intent",
  "after_ack",
  "after_record",
];

/** mulberry32: a seeded stream of floats in [0, 1). */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

/** When to kill: at a pause point, or after `lines` progress lines and `delayMs` (0: at once). */
export type KillPlan =
  | { readonly pauseAt: PausePoint }
  | { readonly lines: number; readonly delayMs: number };

/**
 * A kill moment: 40 % exactly at a pause point, the rest after 1–9 lines and 0–3 ms. The engine
 * prints "started", "reconciled", then four lines per order, so most kills hit its first two
 * orders and each run moves the list on by about one order.
 */
export function planKill(random: () => number): KillPlan {
  if (random() < 0.4) return { pauseAt: PAUSE_POINTS[Math.floor(random() * PAUSE_POINTS.length)]! };
  return { lines: 1 + Math.floor(random() * 9), delayMs: Math.floor(random() * 4) };
}

/** What one engine process printed and how it ended. */
export interface EngineRun {
  readonly lines: readonly string[];
  readonly killed: boolean;
  readonly code: number;
  readonly stderr: string;
}

/**
 * Runs the engine once with `env`; kills it with SIGKILL as `plan` says (never, when null). Every
 * line the engine printed before it died is read, so the last one is the last step it reached.
 */
export async function runEngine(
  env: Record<string, string>,
  plan: KillPlan | null,
): Promise<EngineRun> {
  const child = new Deno.Command(Deno.execPath(), {
    // loopback only, and writes only next to the KV file
    args: [
      "run",
      "--allow-net=127.0.0.1",
      "--allow-env",
      "--allow-read",
      `--allow-write=${dirname(env.CRASH_KV_PATH ?? ".")}`,
      ENGINE,
    ],
    cwd: PROJECT_ROOT,
    env: plan && "pauseAt" in plan ? { ...env, CRASH_PAUSE_AT: plan.pauseAt } : env,
    stdout: "piped",
    stderr: "piped",
  }).spawn();
  let sent = false;
  let delayed: ReturnType<typeof setTimeout> | undefined;
  const kill = () => {
    if (sent) return;
    sent = true;
    try {
      child.kill("SIGKILL");
    } catch (error) {
      // the engine finished on its own just before; its status below says so
      if (!(error instanceof TypeError)) throw error;
    }
  };
  // a guard against a hang, not a timing assertion
  let hung = false;
  const guard = setTimeout(() => {
    hung = true;
    kill();
  }, 30_000);
  const stderr = new Response(child.stderr).text();
  const lines: string[] = [];
  let rest = "";
  for await (const chunk of child.stdout.pipeThrough(new TextDecoderStream())) {
    const parts = (rest + chunk).split("\n");
    rest = parts.pop()!;
    for (const line of parts) {
      lines.push(line);
      if (sent || delayed !== undefined || plan === null) continue;
      if ("pauseAt" in plan ? line.startsWith("paused ") : lines.length === plan.lines) {
        if ("delayMs" in plan && plan.delayMs > 0) delayed = setTimeout(kill, plan.delayMs);
        else kill();
      }
    }
  }
  clearTimeout(delayed);
  clearTimeout(guard);
  const status = await child.status;
  const killed = status.signal === "SIGKILL";
  if (hung) throw new Error(`the engine hung; it printed:\n${lines.join("\n")}\n${await stderr}`);
  return { lines, killed, code: status.code, stderr: await stderr };
}
