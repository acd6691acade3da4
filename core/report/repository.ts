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
