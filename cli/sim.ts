// deno-lint-ignore-file no-console
/**
 * `deno task sim`: runs the KIS simulator standalone and prints how to point a client at it.
 *
 * Flags: `--seed N`, `--env real|vts`, `--port N` (REST, default 9443), `--ws-port N` (default
 * 21000), `--speed N` (accelerated clock), `--start <ISO instant>`, `--cash <won>`,
 * `--no-rate-limit`.
 *
 * @module
 */
import { z } from "zod";
import { kstDateTime, seoulDate } from "../core/krx/mod.ts";
import { type ClockOptions, demoStart, startSimulator } from "../core/kis-sim/mod.ts";

const flagsSchema = z.object({
  seed: z.coerce.number().int().default(1),
  env: z.enum(["real", "vts"]).default("real"),
  port: z.coerce.number().int().min(0).max(65_535).default(9443),
  "ws-port": z.coerce.number().int().min(0).max(65_535).default(21000),
  speed: z.coerce.number().positive().optional(),
  start: z.iso.datetime({ offset: true }).optional(),
  cash: z.coerce.number().int().min(0).default(100_000_000),
  "no-rate-limit": z.literal(true).optional(),
}).strict();

function parseFlags(args: readonly string[]): Record<string, string | true> {
  const flags: Record<string, string | true> = {};
  for (let i = 0; i < args.length; i++) {
    const arg = args[i] ?? "";
    if (!arg.startsWith("--")) {
      throw new Error(`unexpected argument ${JSON.stringify(arg)}: flags look like --seed 42`);
    }
    const next = args[i + 1];
    if (next === undefined || next.startsWith("--")) flags[arg.slice(2)] = true;
    else {
      flags[arg.slice(2)] = next;
      i++;
    }
  }
  return flags;
}

const parsed = flagsSchema.safeParse(parseFlags(Deno.args));
if (!parsed.success) {
  console.error(`deno task sim: ${z.prettifyError(parsed.error)}`);
  Deno.exit(2);
}
const flags = parsed.data;
const start = flags.start ? new Date(flags.start) : demoStart(new Date());
const clock: ClockOptions = flags.speed
  ? { mode: "accelerated", speed: flags.speed, start }
  : { mode: "realtime", start };

const sim = await startSimulator({
  seed: flags.seed,
  env: flags.env,
  port: flags.port,
  wsPort: flags["ws-port"],
  cash: flags.cash,
  clock,
  rateLimit: flags["no-rate-limit"] ? false : undefined,
});

const now = sim.clock.now();
const kst = kstDateTime(now).slice(11);
console.log(`KIS simulator — SIMULATED market, not real prices or a real account`);
console.log(``);
console.log(`  REST        ${sim.restUrl}`);
console.log(`  WebSocket   ${sim.wsUrl}/tryitout`);
console.log(`  env         ${sim.env}`);
console.log(
  `  clock       ${clock.mode}${flags.speed ? ` ×${flags.speed}` : ""}, now ${
    seoulDate(now)
  } ${kst} KST (${sim.market.phase()})`,
);
console.log(`  app key     ${sim.credentials.appKey}`);
console.log(`  app secret  ${sim.credentials.appSecret}`);
console.log(`  account     ${sim.credentials.account}   HTS ID ${sim.credentials.htsId}`);
console.log(`  symbols     ${sim.market.symbols().map((s) => `${s.code} ${s.name}`).join(", ")}`);
console.log(``);
console.log(`Point the client at it (demo keys only — never real ones):`);
console.log(
  `  KIS_ENV=${sim.env} KIS_REST_URL=${sim.restUrl} KIS_WS_URL=${sim.wsUrl} KIS_APP_KEY=${sim.credentials.appKey} ` +
    `KIS_APP_SECRET=${sim.credentials.appSecret} KIS_ACCOUNT=${sim.credentials.account} KIS_HTS_ID=${sim.credentials.htsId}`,
);
console.log(``);
console.log(`Ctrl-C to stop.`);

Deno.addSignalListener("SIGINT", async () => {
  await sim.close();
  Deno.exit(0);
});
