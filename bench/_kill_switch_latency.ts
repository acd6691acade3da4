// deno-lint-ignore-file no-console
/**
 * How long another process takes to see the kill switch flip, on one KV file: this process flips
 * it (`setKillSwitch`, audited, atomic) `flips` times, on and off in turn, while an observer
 * process (`_kill_switch_observer.ts`) looks for the change, by reading it every 1 and 5 ms and by
 * `kv.watch`. Latency is from the commit's return here to the observer's sighting (both clocks are
 * the same machine's). A flip not seen within 2 s is counted as missed; after five misses the mode stops. Prints p50/p90/p99/max.
 * Run: deno run -A bench/_kill_switch_latency.ts [flips]
 * @module
 */
import { join } from "node:path";
import { openStore } from "../core/store/mod.ts";
import { setKillSwitch } from "../core/trading/mod.ts";

const flips = Number(Deno.args[0] ?? 200);
const MISSED_AFTER_MS = 2_000;
const OBSERVER = new URL("./_kill_switch_observer.ts", import.meta.url).pathname;
const stamp = () => performance.timeOrigin + performance.now();

function quantile(sorted: readonly number[], q: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? NaN;
}

async function measure(mode: "poll" | "watch", pollMs: number): Promise<void> {
  const dir = await Deno.makeTempDir();
  const path = join(dir, "switch.kv");
  using store = await openStore({ path });
  const observer = new Deno.Command(Deno.execPath(), {
    args: ["run", "-A", OBSERVER, path, mode, String(pollMs)],
    stdout: "piped",
  }).spawn();
  const reader = observer.stdout.pipeThrough(new TextDecoderStream()).getReader();
  let rest = "";
  const sightings: string[] = [];
  const waiting: ((line: string) => void)[] = [];
  const pump = (async () => {
    for (;;) {
      const chunk = await reader.read();
      if (chunk.done) return;
      const parts = (rest + chunk.value).split("\n");
      rest = parts.pop() ?? "";
      for (const line of parts) {
        const wake = waiting.shift();
        if (wake) wake(line);
        else sightings.push(line);
      }
    }
  })();
  const nextLine = (ms: number) =>
    new Promise<string | null>((resolve) => {
      const queued = sightings.shift();
      if (queued !== undefined) return resolve(queued);
      const timer = setTimeout(() => {
        waiting.splice(waiting.indexOf(wake), 1);
        resolve(null);
      }, ms);
      const wake = (line: string) => {
        clearTimeout(timer);
        resolve(line);
      };
      waiting.push(wake);
    });
  if (await nextLine(10_000) !== "ready") throw new Error("the observer did not start");
  const latencies: number[] = [];
  let missed = 0;
  for (let i = 0; i < flips; i++) {
    const on = i % 2 === 0;
    await setKillSwitch(store, { on, reason: "latency bench", by: "bench" });
    const committed = stamp();
    const line = await nextLine(MISSED_AFTER_MS);
    if (line === null) {
      missed++;
      // a missed flip is flipped back, so the next one starts from the state the observer knows
      await setKillSwitch(store, { on: !on, reason: "latency bench reset", by: "bench" });
      await nextLine(50);
      // kv.watch on a file never hears another process: a few misses are the whole answer
      if (missed >= 5) break;
      continue;
    }
    latencies.push(Number(line.split(" ")[2]) - committed);
    // a gap between flips, so a poller's phase is random against the next one
    await new Promise((resolve) => setTimeout(resolve, 3 + (i % 7)));
  }
  observer.kill("SIGKILL");
  await observer.status;
  await reader.cancel().catch(() => {});
  await pump.catch(() => {});
  await Deno.remove(dir, { recursive: true });
  latencies.sort((a, b) => a - b);
  const label = mode === "watch" ? "kv.watch" : `read every ${pollMs} ms`;
  const ms = (v: number) => v.toFixed(2);
  console.log(
    `${label.padEnd(18)} seen ${latencies.length}, missed ${missed}` +
      (latencies.length === 0
        ? ""
        : `; p50 ${ms(quantile(latencies, 0.5))} ms, p90 ${ms(quantile(latencies, 0.9))} ms, ` +
          `p99 ${ms(quantile(latencies, 0.99))} ms, max ${ms(latencies.at(-1) ?? NaN)} ms`),
  );
}

console.log(`kill switch seen by another process on one KV file, ${flips} flips each`);
await measure("poll", 1);
await measure("poll", 5);
await measure("watch", 0);
