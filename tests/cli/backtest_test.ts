import assert from "node:assert/strict";
import { join } from "node:path";

const CLI = new URL("../../cli/backtest.ts", import.meta.url).pathname;

async function cli(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  const output = await new Deno.Command(Deno.execPath(), {
    args: ["run", "-A", CLI, ...args],
    stdout: "piped",
    stderr: "piped",
  }).output();
  const decode = (bytes: Uint8Array) => new TextDecoder().decode(bytes);
  return { code: output.code, stdout: decode(output.stdout), stderr: decode(output.stderr) };
}

async function json(...args: string[]) {
  const result = await cli(...args, "--json");
  assert.equal(result.code, 0, result.stderr);
  return JSON.parse(result.stdout);
}

// ma-cross(1, 2) enters when a close rises after a non-rise and exits when it falls after a
// non-fall: target 1 from 2025-12-30, 0 from 2026-01-05.
const CSV = [
  "date,open,high,low,close,volume",
  "2025-12-26,10000,10000,10000,10000,100",
  "20251229,10000,10000,10000,10000,100",
  "2025-12-30,10000,10100,10000,10100,100",
  "2026-01-02,10200,10300,10200,10300,100",
  "2026-01-05,10300,10300,10250,10250,100",
  "2026-01-06,10400,10400,10400,10400,100",
].join("\n");

const STRATEGY = [
  "--strategy",
  "ma-cross",
  "--param",
  "fast=1",
  "--param",
  "slow=2",
  "--cash",
  "1000000",
];

Deno.test("the CLI backtests a CSV to the won", async (t) => {
  const dir = await Deno.makeTempDir();
  const file = join(dir, "005930.csv");
  await Deno.writeTextFile(file, CSV);
  await t.step(
    "a round trip: 98 shares bought at 10,200, sold at 10,400 with 2026 tax",
    async () => {
      const report = await json(...STRATEGY, "--csv", file);
      // buy 999,600 + fee 149 → cash 251; sell 1,019,200 − fee 152 − tax floor(2,038.4) = 1,017,010
      assert.deepEqual(report.trades, [{
        symbol: "005930",
        entryDate: "2026-01-02",
        entryPrice: 10_200,
        exitDate: "2026-01-06",
        exitPrice: 10_400,
        qty: 98,
        pnl: 17_261,
      }]);
      assert.deepEqual(report.equity.map((e: { equity: number }) => e.equity), [
        1_000_000,
        1_000_000,
        1_000_000,
        251 + 98 * 10_300,
        251 + 98 * 10_250,
        1_017_261,
      ]);
      assert.equal(report.equity[1].date, "2025-12-29");
      assert.equal(report.metrics.finalEquity, 1_017_261);
      assert.equal(report.metrics.feesPaid, 301);
      assert.equal(report.metrics.taxPaid, 2_038);
      assert.equal(report.metrics.trades, 1);
      assert.equal(report.metrics.winRate, 1);
    },
  );
  await t.step(
    "--to leaves an open position, listed with a null exit and marked at the last close",
    async () => {
      const report = await json(...STRATEGY, "--csv", file, "--to", "20260105");
      assert.deepEqual(report.trades, [{
        symbol: "005930",
        entryDate: "2026-01-02",
        entryPrice: 10_200,
        exitDate: null,
        exitPrice: null,
        qty: 98,
        pnl: 98 * 10_250 - 999_749,
      }]);
      assert.equal(report.metrics.finalEquity, 251 + 98 * 10_250);
    },
  );
  await t.step("--tax overrides the dated rate", async () => {
    const report = await json(...STRATEGY, "--csv", file, "--tax", "0.003");
    // floor(1,019,200 × 0.003) = 3,057
    assert.equal(report.metrics.taxPaid, 3_057);
    assert.equal(report.metrics.finalEquity, 251 + 1_019_200 - 152 - 3_057);
  });
  await t.step("--slippage in ticks moves both fills by the 10-won tick of that band", async () => {
    const report = await json(...STRATEGY, "--csv", file, "--slippage", "1t");
    assert.deepEqual([report.trades[0].entryPrice, report.trades[0].exitPrice], [10_210, 10_390]);
  });
  await t.step("without --json it prints a table", async () => {
    const result = await cli(...STRATEGY, "--csv", file);
    assert.equal(result.code, 0);
    assert.match(result.stdout, /final equity\s+1,017,261 KRW/);
  });
  await Deno.remove(dir, { recursive: true });
});

Deno.test("the CLI runs a folder as one portfolio with shared cash", async () => {
  const dir = await Deno.makeTempDir();
  await Deno.writeTextFile(join(dir, "000010.csv"), CSV);
  await Deno.writeTextFile(join(dir, "000020.csv"), CSV);
  const report = await json(...STRATEGY, "--csv", dir);
  // Each symbol's budget is half of 1,000,000: 49 shares, 499,874 each → cash 252. Each sale:
  // 509,600 − fee 76 − tax floor(1,019.2) = 508,505.
  assert.deepEqual(
    report.trades.map((
      t: { symbol: string; qty: number; pnl: number },
    ) => [t.symbol, t.qty, t.pnl]),
    [["000010", 49, 508_505 - 499_874], ["000020", 49, 508_505 - 499_874]],
  );
  assert.equal(report.metrics.finalEquity, 252 + 2 * 508_505);
  await Deno.remove(dir, { recursive: true });
});

Deno.test("bad input exits with code 2 and names the line or parameter", async (t) => {
  const dir = await Deno.makeTempDir();
  const write = async (name: string, text: string) => {
    const path = join(dir, name);
    await Deno.writeTextFile(path, text);
    return path;
  };
  const cases: [string, string[], RegExp][] = [
    ["missing column", [
      "--csv",
      await write("a.csv", "date,open,high,low,close\n2025-01-02,1,1,1,1"),
    ], /line 1: missing column\(s\) volume/],
    [
      "unsorted dates",
      [
        "--csv",
        await write("b.csv", CSV.split("\n").toSpliced(3, 0, "2025-12-01,1,1,1,1,1").join("\n")),
      ],
      /b\.csv line 4: dates must be strictly ascending/,
    ],
    ["negative price", [
      "--csv",
      await write("c.csv", CSV.replace("2026-01-02,10200", "2026-01-02,-5")),
    ], /c\.csv line 5: open on 2026-01-02 must be a positive/],
    [
      "a bad date",
      ["--csv", await write("d.csv", CSV.replace("2025-12-30", "2025-13-30"))],
      /d\.csv line 4, column 1 \(date\): invalid date "2025-13-30"/,
    ],
    [
      "a non-number",
      ["--csv", await write("e.csv", CSV.replace(",100\n", ",lots\n"))],
      /e\.csv line 2, column 6 \(volume\): must be a number \(got "lots"\)/,
    ],
    ["unknown strategy", ["--strategy", "macd", "--csv", "x.csv"], /unknown strategy "macd"/],
    [
      "parameter out of bounds",
      ["--param", "fast=0", "--csv", "x.csv"],
      /parameter "fast" must be an integer from 1 to 250 \(got 0\)/,
    ],
    ["bad option", ["--fill", "noon", "--csv", "x.csv"], /--fill/],
    ["unknown flag", ["--speed", "3"], /unknown option --speed/],
  ];
  for (const [name, args, message] of cases) {
    await t.step(name, async () => {
      const result = await cli(...args);
      assert.equal(result.code, 2, result.stderr);
      assert.match(result.stderr, message);
    });
  }
  await Deno.remove(dir, { recursive: true });
});
