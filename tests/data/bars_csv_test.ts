import assert from "node:assert/strict";
import { CsvError, parseBarsCsv } from "@/core/data/mod.ts";
import { parseIsoDate, TradingCalendar } from "@/core/krx/mod.ts";

const HEADER = "date,open,high,low,close,volume";
const parse = (lines: string[], options: Partial<Parameters<typeof parseBarsCsv>[1]> = {}) =>
  parseBarsCsv(lines.join("\n"), { source: "bars.csv", ...options });

/** The CsvError a parse throws, for its message and place. */
function failure(lines: string[], options = {}): CsvError {
  try {
    parse(lines, options);
  } catch (error) {
    if (error instanceof CsvError) return error;
    throw error;
  }
  assert.fail("expected a CsvError");
}

Deno.test("parseBarsCsv() reads columns in any order and both date forms", () => {
  const bars = parse([
    "Volume, Date, Close, Low, High, Open",
    "100,2026-01-02,105,95,110,100",
    "",
    "200,20260105,106,100,107,105",
  ]);
  assert.deepEqual(bars.dates, ["2026-01-02", "2026-01-05"]);
  assert.deepEqual([...bars.open], [100, 105]);
  assert.deepEqual([...bars.volume], [100, 200]);
});

Deno.test("parseBarsCsv() keeps only the bars between from and to", () => {
  const bars = parse([HEADER, "2026-01-02,1,1,1,1,1", "2026-01-05,1,1,1,1,1"], {
    from: parseIsoDate("2026-01-05"),
  });
  assert.deepEqual(bars.dates, ["2026-01-05"]);
  assert.match(
    failure([HEADER, "2026-01-02,1,1,1,1,1"], { to: parseIsoDate("2025-12-31") }).message,
    /^bars\.csv: no bars in the chosen date range$/,
  );
});

Deno.test("parseBarsCsv() names the line and column of what it refuses", async (t) => {
  const cases: [string, string[], string, number | null, number | null][] = [
    ["an empty file", [""], "bars.csv: the file is empty", null, null],
    ["a header only", [HEADER], "bars.csv: the file has no bars, only a header", null, null],
    [
      "a missing column",
      ["date,open,high,low,close", "2026-01-02,1,1,1,1"],
      "bars.csv line 1: missing column(s) volume",
      1,
      null,
    ],
    [
      "a bad date",
      [HEADER, "2026-13-02,1,1,1,1,1"],
      'bars.csv line 2, column 1 (date): invalid date "2026-13-02"',
      2,
      1,
    ],
    [
      "a non-number",
      [HEADER, "2026-01-02,1,1,1,1,lots"],
      'bars.csv line 2, column 6 (volume): must be a number (got "lots")',
      2,
      6,
    ],
    [
      "a Saturday",
      [HEADER, "2026-01-02,1,1,1,1,1", "2026-01-03,1,1,1,1,1"],
      "bars.csv line 3, column 1 (date): 2026-01-03 is a Saturday, not a KRX trading day",
      3,
      1,
    ],
    [
      "a holiday (New Year's Day)",
      [HEADER, "2026-01-01,1,1,1,1,1"],
      "bars.csv line 2, column 1 (date): 2026-01-01 is a KRX holiday, not a trading day",
      2,
      1,
    ],
    [
      "dates out of order",
      [HEADER, "2026-01-05,1,1,1,1,1", "2026-01-02,1,1,1,1,1"],
      "bars.csv line 3: dates must be strictly ascending",
      3,
      null,
    ],
  ];
  for (const [name, lines, message, line, column] of cases) {
    await t.step(name, () => {
      const error = failure(lines);
      assert.equal(error.message.slice(0, message.length), message);
      assert.equal(error.line, line);
      assert.equal(error.column, column);
    });
  }
});

Deno.test("parseBarsCsv() turns a calendar's RangeError into an error naming the line", () => {
  const calendar = new class extends TradingCalendar {
    override isTradingDay(): boolean {
      throw new RangeError("no holiday table for 2031");
    }
  }([]);
  const error = failure([HEADER, "2031-01-02,1,1,1,1,1"], { calendar });
  assert.equal(
    error.message,
    "bars.csv line 2, column 1 (date): 2031-01-02 cannot be checked against the KRX calendar: " +
      "no holiday table for 2031",
  );
});
