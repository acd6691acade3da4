// deno-lint-ignore-file no-console
/**
 * `deno task sim`: runs the KIS simulator standalone and prints how to point a client at it, as
 * `export KIS_…=…` lines to paste into a shell.
 * @module
 */
import { z } from "zod";
import { kstDateTime, seoulDate } from "../core/krx/mod.ts";
import {
  type ClockOptions,
  demoStart,
  type Simulator,
  startSimulator,
} from "../core/kis-sim/mod.ts";
import { listenFailure, parseCommand, runCli, UsageError } from "./_args.ts";

const USAGE = `usage: deno task sim [options]

Runs a KIS protocol simulator (REST + WebSocket) on 127.0.0.1 with a seeded demo account and
market, and prints the KIS_* variables that point \`deno task kis\` at it.

  --seed <n>          market, keys and order book seed (default 1)
  --env real|vts      which KIS host it imitates (default real)
  --port <n>          REST port (default 9443; 0 picks a free one)
  --ws-port <n>       WebSocket port (default 21000; 0 picks a free one)
  --clock realtime|demo
                      demo: replay trading days from their open, back to back, so the market
                      is open at any hour (default realtime)
  --speed <x>         run the clock x times faster than real time
  --start <instant>   where the clock starts, ISO 8601 with offset (default: the market open)
  --cash <KRW>        the demo account's deposit (default 100000000)
  --no-rate-limit     answer every request, however fast`;

const OPTIONS = {
  seed: { type: "string", default: "1" },
  env: { type: "string", default: "real" },
  port: { type: "string", default: "9443" },
  "ws-port": { type: "string", default: "21000" },
  clock: { type: "string", default: "realtime" },
  speed: { type: "string" },
  start: { type: "string" },
  cash: { type: "string", default: "100000000" },
  "no-rate-limit": { type: "boolean" },
} as const;

const whole = (flag: string) =>
  z.string().regex(/^\d+$/, `${flag} must be a whole number`).transform(Number);
const port = (flag: string) =>
  whole(flag).refine((n) => n <= 65_535, `${flag} must be a port from 0 to 65535`);

const flagsSchema = z.object({
  seed: whole("--seed"),
  env: z.enum(["real", "vts"], { error: "--env must be real or vts" }),
  port: port("--port"),
  "ws-port": port("--ws-port"),
  clock: z.enum(["realtime", "demo"], { error: "--clock must be realtime or demo" }),
  speed: z.string().transform(Number).refine(
    (n) => Number.isFinite(n) && n > 0,
    "--speed must be a number above 0",
  ).optional(),
  start: z.iso.datetime({
    offset: true,
    error: "--start must be an ISO 8601 instant with an offset, e.g. 2026-11-20T09:00:00+09:00",
  }).optional(),
  cash: whole("--cash"),
  "no-rate-limit": z.boolean().optional(),
});

function parseFlags(argv: readonly string[]): z.infer<typeof flagsSchema> {
  const { values } = parseCommand(argv, OPTIONS);
  const flags = flagsSchema.safeParse(values);
  if (!flags.success) {
    const first = flags.error.issues[0]!;
    const flag = String(first.path[0]);
    throw new UsageError(`${first.message} (got "${values[flag as keyof typeof values]}")`);
  }
  return flags.data;
}

/** Quotes a value for a POSIX shell when it has anything but plainly safe characters. */
function shellValue(value: string): string {
  return /^[\w./:+=@-]*$/.test(value) ? value : `'${value.replaceAll("'", `'\\''`)}'`;
}

function banner(sim: Simulator, clock: ClockOptions, speed: number | undefined): string {
  const now = sim.clock.now();
  const exports = {
    KIS_ENV: sim.env,
    KIS_REST_URL: sim.restUrl,
    KIS_WS_URL: sim.wsUrl,
    KIS_APP_KEY: sim.credentials.appKey,
    KIS_APP_SECRET: sim.credentials.appSecret,
    KIS_ACCOUNT: sim.credentials.account,
    KIS_HTS_ID: sim.credentials.htsId,
  };
  return [
    "KIS simulator — SIMULATED market, not real prices or a real account",
    sim.status().caption,
    "",
    `  REST        ${sim.restUrl}`,
    `  WebSocket   ${sim.wsUrl}/tryitout`,
    `  env         ${sim.env}`,
    `  clock       ${clock.mode}${speed ? ` ×${speed}` : ""}, now ${seoulDate(now)} ` +
    `${kstDateTime(now).slice(11)} KST (${sim.market.phase()})`,
    ...(clock.mode === "demo"
      ? ["  demo clock  on: replays each trading day's continuous session, then the next day's"]
      : []),
    `  account     ${sim.credentials.account}   HTS ID ${sim.credentials.htsId}`,
    `  symbols     ${sim.market.symbols().map((s) => `${s.code} ${s.name}`).join(", ")}`,
    "",
    "Point deno task kis at it by pasting these lines into your shell (demo keys only):",
    "",
    ...Object.entries(exports).map(([name, value]) => `export ${name}=${shellValue(value)}`),
    "",
    "Ctrl-C to stop.",
  ].join("\n");
}

async function main(argv: readonly string[]): Promise<void> {
  const flags = parseFlags(argv);
  const start = flags.start ? new Date(flags.start) : undefined;
  const clock: ClockOptions = flags.clock === "demo"
    ? { mode: "demo", speed: flags.speed, start }
    : {
      mode: flags.speed ? "accelerated" : "realtime",
      speed: flags.speed,
      start: start ?? demoStart(new Date()),
    };
  let sim: Simulator;
  try {
    sim = await startSimulator({
      seed: flags.seed,
      env: flags.env,
      port: flags.port,
      wsPort: flags["ws-port"],
      cash: flags.cash,
      clock,
      rateLimit: flags["no-rate-limit"] ? false : undefined,
    });
  } catch (error) {
    const address = `127.0.0.1 (REST port ${flags.port}, WebSocket port ${flags["ws-port"]})`;
    throw new Error(listenFailure(error, address) ?? String(error), { cause: error });
  }
  console.log(banner(sim, clock, flags.speed));
  Deno.addSignalListener("SIGINT", async () => {
    await sim.close();
    Deno.exit(0);
  });
}

if (import.meta.main) await runCli({ name: "sim", usage: USAGE }, main);
