/**
 * The load generators for `deno task bench:api`: Debian's `wrk` when it is installed, else an
 * equivalent in Deno (connections as concurrent fetch loops over fetch's keep-alive pool). Both send
 * one GET again and again for a number of seconds and report the same figures.
 * @module
 */

/** What one load run measured. */
export interface LoadFigures {
  readonly generator: "wrk" | "deno";
  readonly requests: number;
  readonly seconds: number;
  readonly p50Ms: number;
  readonly p90Ms: number;
  readonly p99Ms: number;
  readonly maxMs: number;
  /** Answers other than 2xx or 3xx. */
  readonly non2xx: number;
  readonly socketErrors: number;
}

/** One load run: `connections` keep-alive connections sending GET `url` for `seconds`. */
export interface LoadRun {
  readonly url: string;
  readonly token?: string;
  readonly connections: number;
  readonly seconds: number;
}

/** Whether `wrk` is on PATH. */
export async function wrkAvailable(): Promise<boolean> {
  try {
    await new Deno.Command("wrk", { args: ["--version"], stdout: "null", stderr: "null" }).output();
    return true;
  } catch {
    return false;
  }
}

/** Runs `wrk` with two threads (one per core here) and the report script beside this module. */
export async function runWrk(run: LoadRun): Promise<LoadFigures> {
  const script = new URL("./wrk_report.lua", import.meta.url).pathname;
  const threads = String(Math.min(2, run.connections));
  const out = await new Deno.Command("wrk", {
    args: ["-t", threads, "-c", String(run.connections), "-d", `${run.seconds}s`, "--timeout", "5s"]
      .concat(["-s", script, run.url]),
    env: { WRK_TOKEN: run.token ?? "" },
    stdout: "piped",
    stderr: "piped",
  }).output();
  const text = new TextDecoder().decode(out.stdout);
  const line = text.split("\n").find((l) => l.startsWith("{"));
  if (!out.success || !line) {
    throw new Error(`wrk failed: ${text}${new TextDecoder().decode(out.stderr)}`);
  }
  return { generator: "wrk", ...JSON.parse(line) };
}

/** The same run from this process: `connections` loops of fetch, each awaiting its answer. */
export async function runDenoLoad(run: LoadRun): Promise<LoadFigures> {
  const headers: HeadersInit = run.token ? { authorization: `Bearer ${run.token}` } : {};
  const latencies: number[] = [];
  let non2xx = 0;
  let socketErrors = 0;
  const start = performance.now();
  const end = start + run.seconds * 1000;
  const loop = async () => {
    while (performance.now() < end) {
      const sent = performance.now();
      try {
        const res = await fetch(run.url, { headers });
        await res.body?.cancel();
        if (res.status >= 400) non2xx++;
        latencies.push(performance.now() - sent);
      } catch {
        socketErrors++;
      }
    }
  };
  await Promise.all(Array.from({ length: run.connections }, loop));
  const seconds = (performance.now() - start) / 1000;
  latencies.sort((a, b) => a - b);
  const at = (q: number) =>
    latencies[Math.min(latencies.length - 1, Math.floor(q * latencies.length))] ?? 0;
  return {
    generator: "deno",
    requests: latencies.length,
    seconds,
    p50Ms: at(0.5),
    p90Ms: at(0.9),
    p99Ms: at(0.99),
    maxMs: latencies.at(-1) ?? 0,
    non2xx,
    socketErrors,
  };
}
