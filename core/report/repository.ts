/**
 * Stored daily reports: one per account and KST day under `["reports", account, date]`, replaced
 * when the day is reported again; read one, the latest before a day, or pages newest first. Each
 * report's equity record (`["report_equity", account, date]`) is written with it, so an equity curve
 * reads a few numbers a day instead of whole reports.
 * @module
 */
import { type IsoDate, isoDateToEpochDay, parseIsoDate } from "../krx/mod.ts";
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

/** Writes `report` and its equity record over any earlier ones of its account and day, atomically. */
export async function saveReport(store: Store, report: DailyReport): Promise<void> {
  const { accountId, date } = report;
  await whileKvBusy(() => {
    const op = setChecked(store.kv.atomic(), KEYS.report(accountId, date), report);
    return setChecked(op, KEYS.reportEquity(accountId, date), equityRowOf(report)).commit();
  });
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

/** One stored report's equity and PnL: its equity record, what an equity curve reads of it. */
export interface EquityRow {
  readonly date: IsoDate;
  readonly equity: number;
  readonly day: number;
  readonly cumulative: number;
  readonly capital: number;
}

/** The equity record of `report`. */
export function equityRowOf(report: DailyReport): EquityRow {
  const { date, equity, pnl } = report;
  return {
    date,
    equity: equity.total,
    day: pnl.day,
    cumulative: pnl.cumulative,
    capital: pnl.capital,
  };
}

const equityRowSchema = z.object({
  date: z.string().transform((text) => parseIsoDate(text)),
  equity: z.int(),
  day: z.int(),
  cumulative: z.int(),
  capital: z.int(),
});

/** The account's equity records from `from` to `to` inclusive, oldest first, and the latest before `from`. */
export interface EquityRecords {
  readonly rows: EquityRow[];
  readonly before: EquityRow | null;
}

/**
 * The account's equity records in range and the latest one before it, in one listing: newest first
 * from `to`, one more than the range has days, so it reaches past the range's records to the one
 * before them.
 */
export async function equityRecords(
  store: Store,
  accountId: string,
  { from, to }: { readonly from: IsoDate; readonly to: IsoDate },
): Promise<EquityRecords> {
  const days = isoDateToEpochDay(to) - isoDateToEpochDay(from) + 1;
  const page = await whileKvBusy(() =>
    listPage(
      store.kv,
      {
        start: [...PREFIXES.reportEquity, accountId],
        end: [...KEYS.reportEquity(accountId, to), ""],
      },
      equityRowSchema,
      { limit: days + 1, reverse: true },
    )
  );
  const rows = page.items.filter((row) => row.date >= from).reverse();
  return { rows, before: page.items.find((row) => row.date < from) ?? null };
}
