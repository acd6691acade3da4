import assert from "node:assert/strict";
import { addDays, type IsoDate, parseIsoDate } from "@/core/krx/mod.ts";
import {
  buildDailyReport,
  type DailyReport,
  type EquityHistory,
  equityHistory,
  equityRecords,
  type EquityRow,
  listReports,
  reportBefore,
  saveReport,
} from "@/core/report/mod.ts";
import { KEYS, MIGRATIONS, openStore, type Store } from "@/core/store/mod.ts";
import { A, balance, holding, quietDay } from "./_fixtures.ts";

const FIRST = parseIsoDate("2026-11-02");
const TODAY = parseIsoDate("2026-11-27");

/**
 * Reports of the account on every weekday from {@link FIRST} to the day before {@link TODAY}, with a
 * holding, moving equity and a deposit on the 16th, so every figure of a record differs from day to day.
 */
function month(accountId: string): DailyReport[] {
  const reports: DailyReport[] = [];
  let capital = 10_000_000;
  for (let date = FIRST; date < TODAY; date = addDays(date, 1)) {
    const weekday = new Date(`${date}T00:00:00Z`).getUTCDay();
    if (weekday === 0 || weekday === 6) continue;
    const netDeposit = date === "2026-11-16" ? 500_000 : 0;
    capital += netDeposit;
    const price = 60_000 + 37 * reports.length * (reports.length % 3 === 0 ? -1 : 1);
    reports.push(buildDailyReport(quietDay({
      accountId,
      date,
      balance: balance(4_000_000 + 1_000 * reports.length, [
        holding(A, "삼성전자", 100, 6_000_000, price),
      ]),
      previousEquity: reports.at(-1)?.equity.total ?? null,
      capital,
      netDeposit,
    })));
  }
  return reports;
}

/** What the curve read before the records: whole reports in range and the latest one before it. */
async function fromReports(
  store: Store,
  accountId: string,
  { from, to }: { from: IsoDate; to: IsoDate },
): Promise<{ rows: EquityRow[]; before: EquityRow | null }> {
  const row = (report: DailyReport): EquityRow => ({
    date: report.date,
    equity: report.equity.total,
    day: report.pnl.day,
    cumulative: report.pnl.cumulative,
    capital: report.pnl.capital,
  });
  const all = await listReports(store, accountId, { limit: 1000, reverse: false });
  const before = await reportBefore(store, accountId, from);
  return {
    rows: all.items.filter((r) => r.date >= from && r.date <= to).map(row),
    before: before === null ? null : row(before),
  };
}

/** The curve of `read` with today's balance and a benchmark close on every day of the range. */
function history(
  read: { rows: EquityRow[]; before: EquityRow | null },
  range: { from: IsoDate; to: IsoDate },
): EquityHistory {
  const bars = [];
  for (let date = range.from; date <= range.to; date = addDays(date, 1)) {
    bars.push({ date, close: 30_000 + bars.length * 11 });
  }
  return equityHistory({
    ...range,
    ...read,
    today: TODAY,
    live: { ok: true, value: balance(4_100_000, [holding(A, "삼성전자", 100, 6_000_000, 60_500)]) },
    bars: { ok: true, value: bars },
  });
}

/** Ranges inside, across, after, before and one day past the stored month. */
const RANGES: { name: string; from: IsoDate; to: IsoDate }[] = [
  { name: "the default 90 days to today", from: addDays(TODAY, -89), to: TODAY },
  { name: "a range starting mid-month", from: parseIsoDate("2026-11-12"), to: TODAY },
  {
    name: "one day with a month before it",
    from: parseIsoDate("2026-11-20"),
    to: parseIsoDate("2026-11-20"),
  },
  {
    name: "a weekend after reports",
    from: parseIsoDate("2026-11-21"),
    to: parseIsoDate("2026-11-22"),
  },
  { name: "a range after every report", from: TODAY, to: addDays(TODAY, 3) },
  {
    name: "a range before every report",
    from: parseIsoDate("2026-10-01"),
    to: parseIsoDate("2026-10-31"),
  },
];

Deno.test("the equity history from the reports' records has the same numbers as from the reports", async (t) => {
  using store = await openStore({ path: ":memory:" });
  for (const report of [...month("acct-1"), ...month("acct-2").slice(0, 3)]) {
    await saveReport(store, report);
  }
  for (const range of RANGES) {
    await t.step(range.name, async () => {
      const reports = await fromReports(store, "acct-1", range);
      const records = await equityRecords(store, "acct-1", range);
      assert.deepEqual(records, reports);
      assert.deepEqual(history(records, range), history(reports, range));
    });
  }
  await t.step("the ranges above read every kind of answer", async () => {
    const reads = await Promise.all(RANGES.map((range) => equityRecords(store, "acct-1", range)));
    assert.deepEqual(
      reads.map((read) => [read.rows.length, read.before?.date ?? null]),
      [[19, null], [11, "2026-11-11"], [1, "2026-11-19"], [0, "2026-11-20"], [0, "2026-11-26"], [
        0,
        null,
      ]],
    );
  });
});

Deno.test("storing a report writes its equity record in the same atomic operation", async (t) => {
  using store = await openStore({ path: ":memory:" });
  const [first, second] = month("acct-1");
  assert.ok(first && second);
  const keys = [
    KEYS.report("acct-1", second.date),
    KEYS.reportEquity("acct-1", second.date),
  ] as const;

  await t.step("one commit: the report and its record share a versionstamp", async () => {
    await saveReport(store, second);
    const [report, record] = await store.kv.getMany(keys);
    assert.ok(report?.versionstamp && record?.versionstamp);
    assert.equal(record.versionstamp, report.versionstamp);
    assert.deepEqual(record.value, {
      date: second.date,
      equity: second.equity.total,
      day: second.pnl.day,
      cumulative: second.pnl.cumulative,
      capital: second.pnl.capital,
    });
  });

  await t.step("reporting the day again replaces both in one commit", async () => {
    const again = buildDailyReport(quietDay({
      accountId: "acct-1",
      date: second.date,
      balance: balance(12_345_678, []),
      previousEquity: first.equity.total,
      capital: 10_000_000,
    }));
    await saveReport(store, again);
    const [report, record] = await store.kv.getMany<[DailyReport, EquityRow]>(keys);
    assert.equal(record?.versionstamp, report?.versionstamp);
    assert.equal(report?.value?.equity.total, 12_345_678);
    assert.equal(record?.value?.equity, 12_345_678);
    assert.equal(record?.value?.cumulative, 2_345_678);
  });

  await t.step("a report too large for KV writes neither", async () => {
    const huge = { ...first, holdings: { items: [], omitted: 0, padding: "가".repeat(40_000) } };
    await assert.rejects(saveReport(store, huge as unknown as DailyReport));
    const [report, record] = await store.kv.getMany([
      KEYS.report("acct-1", first.date),
      KEYS.reportEquity("acct-1", first.date),
    ]);
    assert.equal(report?.versionstamp, null);
    assert.equal(record?.versionstamp, null);
  });
});

Deno.test("migration 3 gives the reports stored before the records their records", async (t) => {
  using store = await openStore({ path: ":memory:" });
  const reports = [...month("acct-1"), ...month("acct-2")];
  // as saveReport wrote them before the records existed: the report alone
  for (const report of reports) {
    await store.kv.set(KEYS.report(report.accountId, report.date), report);
  }
  const migration = MIGRATIONS.find((m) => m.version === 3);
  assert.ok(migration);
  assert.equal(migration.name, "report equity records");

  await t.step("before it, the curve has no records to read", async () => {
    const range = RANGES[0]!;
    assert.deepEqual(await equityRecords(store, "acct-1", range), { rows: [], before: null });
  });

  await t.step(
    "after it (run twice, as a retried migration may be), the same numbers as the reports",
    async () => {
      await migration.up(store.kv);
      await migration.up(store.kv);
      const records = await Array.fromAsync(store.kv.list({ prefix: ["report_equity"] }));
      assert.equal(records.length, reports.length);
      for (const accountId of ["acct-1", "acct-2"]) {
        for (const range of RANGES) {
          const fromRecords = await equityRecords(store, accountId, range);
          assert.deepEqual(fromRecords, await fromReports(store, accountId, range), range.name);
        }
      }
    },
  );
});
