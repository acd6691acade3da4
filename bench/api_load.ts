/**
 * `deno task bench:api [--seconds=10] [--connections=64] [--generator=wrk|deno]`: starts the app
 * as `deno task start` serves it (main.ts on loopback, the embedded demo, a fresh KV under data/,
 * ADMIN_PASSWORD set, API_RATE_LIMIT raised), signs in as the admin, and drives `GET /api/v1/portfolio` with a load
 * generator (Debian's wrk when installed, else the Deno one in bench/api/load.ts): once with the
 * admin's bearer token and once with a token whose signature is wrong, after a warm-up. Prints
 * each run's figures (with the server's CPU time per request) and which generator made them.
 * @module
 */
import { adminHeaders, startAppServer } from "../tests/e2e/_app_server.ts";
import { type LoadFigures, type LoadRun, runDenoLoad, runWrk, wrkAvailable } from "./api/load.ts";

const args: Record<string, string> = { seconds: "10", connections: "64", generator: "auto" };
for (const arg of Deno.args) {
  const [, name, value] = arg.match(/^--(\w+)=(.*)$/) ?? [];
  if (name === undefined || !(name in args)) throw new Error(`unknown argument ${arg}`);
  args[name] = value!;
}
const seconds = Number(args.seconds);
const connections = Number(args.connections);
if (!(seconds > 0) || !Number.isInteger(connections) || connections < 1) {
  throw new Error("usage: bench:api [--seconds=N] [--connections=N] [--generator=wrk|deno]");
}
const useWrk = args.generator === "wrk" || (args.generator === "auto" && await wrkAvailable());
const load = (run: LoadRun): Promise<LoadFigures> => useWrk ? runWrk(run) : runDenoLoad(run);

/** CPU time the process `pid` has used so far, user and system, in ms (from /proc). */
async function cpuMs(pid: number): Promise<number> {
  const stat = await Deno.readTextFile(`/proc/${pid}/stat`);
  const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
  // utime and stime are fields 14 and 15 of the line, in clock ticks of 10 ms on Linux.
  return (Number(fields[11]) + Number(fields[12])) * 10;
}

/** A run with the server's CPU time per request, which the machine's other load hardly moves. */
async function measured(
  pid: number,
  run: LoadRun,
): Promise<LoadFigures & { cpuUsPerRequest: number }> {
  const before = await cpuMs(pid);
  const figures = await load(run);
  const cpuUsPerRequest = Math.round(((await cpuMs(pid)) - before) * 1000 / figures.requests);
  return { ...figures, cpuUsPerRequest };
}

/** The same token with one signature byte changed: as costly to check, and refused. */
function forged(token: string): string {
  const dot = token.lastIndexOf(".");
  const first = token[dot + 1] === "A" ? "B" : "A";
  return `${token.slice(0, dot + 1)}${first}${token.slice(dot + 2)}`;
}

function row(name: string, f: LoadFigures & { cpuUsPerRequest: number }): string {
  const rate = Math.round(f.requests / f.seconds);
  return `${name.padEnd(22)} ${String(rate).padStart(8)} ${f.p50Ms.toFixed(2).padStart(8)} ` +
    `${f.p90Ms.toFixed(2).padStart(8)} ${f.p99Ms.toFixed(2).padStart(8)} ` +
    `${String(f.non2xx).padStart(8)} ${String(f.socketErrors).padStart(7)} ` +
    `${String(f.cpuUsPerRequest).padStart(10)}`;
}

// The default budget (600 a minute) would answer 429 after the first second; the count is still
// kept in KV, claimed in blocks of 1 % of the limit as for any budget this busy.
const loadBefore = (await Deno.readTextFile("/proc/loadavg")).split(" ").slice(0, 3).join(" ");
const server = await startAppServer({ API_RATE_LIMIT: "1000000000" });
try {
  const token = String(
    new Headers(await adminHeaders(server.url)).get("authorization")!.slice("Bearer ".length),
  );
  const url = `${server.url}/api/v1/portfolio`;
  const check = await fetch(url, { headers: { authorization: `Bearer ${token}` } });
  if (check.status !== 200) {
    throw new Error(`portfolio answered ${check.status}: ${await check.text()}`);
  }
  await check.body?.cancel();
  const warmUp = Math.min(2, seconds);
  await load({ url, token, connections, seconds: warmUp });
  const good = await measured(server.pid, { url, token, connections, seconds });
  const bad = await measured(server.pid, { url, token: forged(token), connections, seconds });
  const cpus = (await Deno.readTextFile("/proc/cpuinfo")).match(/^model name\s*:\s*(.*)$/m)?.[1];
  // deno-lint-ignore no-console -- a benchmark prints its figures
  console.log(
    [
      `GET /api/v1/portfolio, ${connections} connections, ${seconds} s each after ${warmUp} s of ` +
      `warm-up; generator: ${useWrk ? "wrk" : "deno (wrk not installed)"}`,
      `machine: ${navigator.hardwareConcurrency} cores, ${
        cpus ?? "unknown CPU"
      }, Deno ${Deno.version.deno}, load average before: ${loadBefore}`,
      `${"run".padEnd(22)} ${"req/s".padStart(8)} ${"p50 ms".padStart(8)} ${
        "p90 ms".padStart(8)
      } ` +
      `${"p99 ms".padStart(8)} ${"non-2xx".padStart(8)} ${"sockerr".padStart(7)} ` +
      `${"server µs/req".padStart(10)}`,
      row("good bearer token", good),
      row("bad signature (401)", bad),
      JSON.stringify({ good, bad }),
    ].join("\n"),
  );
} finally {
  await server.stop();
}
