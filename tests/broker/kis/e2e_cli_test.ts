import assert from "node:assert/strict";
import type { Simulator } from "../../../core/kis-sim/mod.ts";
import { manualSimulator } from "../../_support/simulator.ts";

const REPO = new URL("../../../", import.meta.url);

/**
 * A simulator whose market shows Friday 2026-11-20, 09:30 KST, days behind any wall clock this
 * runs on: like `deno task sim` started on a weekend, when the demo clock goes back to the last
 * session. The CLI in a subprocess knows only its own clock.
 */
function startShiftedSimulator(): Promise<Simulator> {
  return manualSimulator({ seed: 11, start: new Date("2026-11-20T00:30:00Z") });
}

/** The environment that points `cli/kis.ts` at `sim`, with the token cache in `kvPath`. */
function cliEnv(sim: Simulator, kvPath: string): Record<string, string> {
  return {
    KIS_APP_KEY: sim.credentials.appKey,
    KIS_APP_SECRET: sim.credentials.appSecret,
    KIS_ACCOUNT: sim.credentials.account,
    KIS_ENV: sim.env,
    KIS_HTS_ID: sim.credentials.htsId,
    KIS_REST_URL: sim.restUrl,
    KIS_WS_URL: sim.wsUrl,
    KV_PATH: kvPath,
    NO_COLOR: "1",
  };
}

interface CliRun {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

/** Runs `deno task kis <args>` (as `cli/kis.ts`) against `sim`, with the token cache in `kvPath`. */
async function kis(sim: Simulator, kvPath: string, args: readonly string[]): Promise<CliRun> {
  const output = await new Deno.Command(Deno.execPath(), {
    args: ["run", "-A", "cli/kis.ts", ...args],
    cwd: REPO,
    env: cliEnv(sim, kvPath),
    stdout: "piped",
    stderr: "piped",
    // A guard against a hang (a waiting token manager), not a timing assertion.
    signal: AbortSignal.timeout(30_000),
  }).output();
  const decode = (bytes: Uint8Array) => new TextDecoder().decode(bytes);
  const run = { code: output.code, stdout: decode(output.stdout), stderr: decode(output.stderr) };
  assert.ok(!run.stdout.includes(sim.credentials.appSecret), "the app secret was printed");
  assert.ok(!run.stderr.includes(sim.credentials.appSecret), "the app secret was printed");
  return run;
}

const won = (value: number) => value.toLocaleString("en-US");

Deno.test("two processes sharing one KV file get one token between them", async () => {
  const sim = await startShiftedSimulator();
  const dir = await Deno.makeTempDir();
  try {
    const kvPath = `${dir}/kis.kv`;
    const runs = await Promise.all([
      kis(sim, kvPath, ["price", "005930", "--json"]),
      kis(sim, kvPath, ["price", "000660", "--json"]),
    ]);
    for (const run of runs) assert.equal(run.code, 0, run.stderr);
    assert.equal(JSON.parse(runs[0]!.stdout).price, sim.market.price("005930"));
    assert.equal(JSON.parse(runs[1]!.stdout).price, sim.market.price("000660"));
    assert.equal(sim.stats.tokenIssuances, 1);
    // Four more at once contend for the KV file's lock (SQLite "database is locked").
    const more = await Promise.all(
      ["035420", "035720", "005380", "051910"].map((code) => kis(sim, kvPath, ["price", code])),
    );
    for (const run of more) assert.equal(run.code, 0, run.stderr);
    assert.equal(sim.stats.tokenIssuances, 1);
  } finally {
    await sim.close();
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test("deno task kis price, order and balance against the simulator", async (t) => {
  const sim = await startShiftedSimulator();
  const dir = await Deno.makeTempDir();
  const kvPath = `${dir}/kis.kv`;
  try {
    await t.step("price 005930 prints a table with the simulator's price", async () => {
      const run = await kis(sim, kvPath, ["price", "005930"]);
      assert.equal(run.code, 0, run.stderr);
      const [header, rule, row, ...rest] = run.stdout.trimEnd().split("\n");
      assert.match(header!, /^symbol\s+price\s+change\s+rate %\s+open\s+high\s+low\s+volume$/);
      assert.match(rule!, /^-+( +-+){7}$/);
      assert.deepEqual(rest, []);
      const quote = sim.market.quote("005930");
      const cells = row!.trim().split(/\s+/);
      assert.equal(cells[0], "005930");
      assert.equal(cells[1], won(quote.last));
      assert.equal(cells[4], won(quote.open));
      assert.equal(cells[7], won(quote.volume));
    });

    await t.step("balance --json shows the deposit and no holdings", async () => {
      const run = await kis(sim, kvPath, ["balance", "--json"]);
      assert.equal(run.code, 0, run.stderr);
      const balance = JSON.parse(run.stdout);
      assert.deepEqual(balance.holdings, []);
      assert.equal(balance.summary.deposit, sim.market.account().cash);
    });

    await t.step("order buy --market is acknowledged with the journal's order number", async () => {
      const run = await kis(sim, kvPath, ["order", "buy", "005930", "7", "--market", "--json"]);
      assert.equal(run.code, 0, run.stderr);
      const ack = JSON.parse(run.stdout);
      assert.deepEqual(sim.market.orders().map((o) => o.odno), [ack.orderNo]);
    });

    await t.step("balance prints the position in its table", async () => {
      const run = await kis(sim, kvPath, ["balance"]);
      assert.equal(run.code, 0, run.stderr);
      const lines = run.stdout.split("\n");
      assert.match(
        lines[0]!,
        /^symbol\s+name\s+qty\s+orderable\s+avg price\s+price\s+value\s+P\/L$/,
      );
      const cells = lines[2]!.trim().split(/\s+/);
      assert.deepEqual(cells.slice(0, 4), ["005930", "삼성전자", "7", "7"]);
      assert.equal(lines.length >= 4 && lines[3], "");
    });

    await t.step("a refused order exits 1 naming the category and KIS's message", async () => {
      const run = await kis(sim, kvPath, ["order", "buy", "005930", "100000", "--market"]);
      assert.equal(run.code, 1);
      assert.match(run.stderr, /^kis: insufficient_cash: \[APBK0952\] /);
    });

    await t.step("every process reused the one token", () => {
      assert.equal(sim.stats.tokenIssuances, 1);
    });
  } finally {
    await sim.close();
    await Deno.remove(dir, { recursive: true });
  }
});

/**
 * Runs `kis stream <codes>` against `sim`, steps the simulator's clock until the first trade line
 * arrives, waits `afterFirstMs` more, sends SIGINT and returns how the process ended.
 */
async function interruptedStream(
  sim: Simulator,
  kvPath: string,
  codes: readonly string[],
  afterFirstMs: number,
): Promise<CliRun> {
  const child = new Deno.Command(Deno.execPath(), {
    args: ["run", "-A", "cli/kis.ts", "stream", ...codes],
    cwd: REPO,
    env: cliEnv(sim, kvPath),
    stdout: "piped",
    stderr: "piped",
  }).spawn();
  const decoder = new TextDecoder();
  let stdout = "";
  const reader = child.stdout.getReader();
  const stderr = new Response(child.stderr).text();
  const deadline = Date.now() + 30_000;
  while (!stdout.includes("\n")) {
    if (Date.now() > deadline) throw new Error("no trade line within 30 s");
    sim.clock.advance(5_000);
    const chunk = await Promise.race([
      reader.read(),
      new Promise<null>((resolve) => setTimeout(() => resolve(null), 200)),
    ]);
    if (chunk?.value) stdout += decoder.decode(chunk.value, { stream: true });
    if (chunk?.done) break;
  }
  await new Promise((resolve) => setTimeout(resolve, afterFirstMs));
  child.kill("SIGINT");
  const drain = (async () => {
    for (;;) {
      const chunk = await reader.read();
      if (chunk.done) return;
      stdout += decoder.decode(chunk.value, { stream: true });
    }
  })();
  const status = await child.status;
  await drain;
  return { code: status.code, stdout, stderr: await stderr };
}

Deno.test("Ctrl-C on kis stream ends with one line on stderr and exit code 0, never a stack trace", async (t) => {
  const sim = await startShiftedSimulator();
  const dir = await Deno.makeTempDir();
  try {
    // SIGINT at once, while the first records still arrive, and later: the unsubscribes and their
    // rate-budget KV calls are in flight in different places each time.
    for (const afterFirstMs of [0, 40, 300]) {
      await t.step(`interrupted ${afterFirstMs} ms after the first trade`, async () => {
        const run = await interruptedStream(
          sim,
          `${dir}/kis-${afterFirstMs}.kv`,
          ["005930", "000660", "035420", "035720"],
          afterFirstMs,
        );
        assert.doesNotMatch(run.stderr, /^\s+at /m, `a stack trace: ${run.stderr}`);
        assert.equal(run.stderr, "kis: stream stopped\n");
        assert.equal(run.code, 0);
        assert.match(run.stdout, /^\d\d:\d\d:\d\d (005930|000660|035420|035720) trade /m);
      });
    }
  } finally {
    await sim.close();
    await Deno.remove(dir, { recursive: true });
  }
});
