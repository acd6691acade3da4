/**
 * Stored daily reports: one per account and KST day under `["reports", account, date]`, replaced
 * when the day is reported again; read one, the latest before a day, or pages newest first.
 * @module
 */
import type { IsoDate } from "../krx/mod.ts";
import {
  KEYS,
  listPage,
  type Page,
  type PageRequest,
  PREFIXES,
  setChecked,
  type Store,
  whileKvBusy,
} from "../store/mod.ts";
import { z } from "zod";
import { type DailyReport, dailyReportSchema } from "./schema.ts";

/** Writes `report` over any earlier report of its account and day. */
export async function saveReport(store: Store, report: DailyReport): Promise<void> {
  const key = KEYS.report(report.accountId, report.date);
  await whileKvBusy(() => setChecked(store.kv.atomic(), key, report).commit());
}

/** The report of `accountId` for `date`, or null. */
export async function getReport(
  store: Store,
  accountId: string,
  date: IsoDate,
): Promise<DailyReport | null> {
  const entry = await whileKvBusy(() => store.kv.get(KEYS.report(accountId, date)));
  return entry.versionstamp === null ? null : dailyReportSchema.parse(entry.value);
}

/** The account's latest report for a day before `date`, or null (its first report). */
export async function reportBefore(
  store: Store,
  accountId: string,
  date: IsoDate,
): Promise<DailyReport | null> {
  const page = await whileKvBusy(() =>
    listPage(
      store.kv,
      { start: [...PREFIXES.reports, accountId], end: KEYS.report(accountId, date) },
      dailyReportSchema,
      { limit: 1, reverse: true },
    )
  );
  return page.items[0] ?? null;
}

/** A page of the account's reports, newest day first (oldest first with `reverse: false`). */
export function listReports(
  store: Store,
  accountId: string,
  request: PageRequest = {},
): Promise<Page<DailyReport>> {
  return whileKvBusy(() =>
    listPage(
      store.kv,
      { prefix: [...PREFIXES.reports, accountId] },
      dailyReportSchema,
      { ...request, reverse: request.reverse ?? true },
    )
  );
}

/** One stored report's equity and PnL: what an equity curve reads of it. */
export interface EquityRow {
  readonly date: IsoDate;
  readonly equity: number;
  readonly day: number;
  readonly cumulative: number;
  readonly capital: number;
}

// Only the fields a curve needs are parsed, so a long range stays cheap to read.
const equityRowSchema = z.object({
  date: z.string(),
  equity: z.object({ total: z.int() }),
  pnl: z.object({ day: z.int(), cumulative: z.int(), capital: z.int() }),
}).transform(({ date, equity, pnl }): EquityRow => ({
  date: date as IsoDate,
  equity: equity.total,
  day: pnl.day,
  cumulative: pnl.cumulative,
  capital: pnl.capital,
}));

/** The equity rows of the account's reports from `from` to `to` inclusive (at most 1,000), oldest first. */
export async function equityRows(
  store: Store,
  accountId: string,
  { from, to }: { readonly from: IsoDate; readonly to: IsoDate },
): Promise<EquityRow[]> {
  const page = await whileKvBusy(() =>
    listPage(
      store.kv,
      { start: KEYS.report(accountId, from), end: [...KEYS.report(accountId, to), ""] },
      equityRowSchema,
      { limit: 1000 },
    )
  );
  return page.items;
}
