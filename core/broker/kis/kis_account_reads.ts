import {
  addDays,
  compactDate,
  type DateRange,
  type IsoDate,
  parseIsoDate,
  seoulDate,
  type SymbolCode,
} from "../../krx/mod.ts";
import type { Balance, Buyable, OrderRecord } from "../types.ts";
import { KIS_PATHS } from "./env.ts";
import { type KisCalls, positiveInteger } from "./kis_calls.ts";
import { toBalanceSummary, toBuyable, toHolding, toOrderRecord } from "./mappers.ts";
import type { KisEnvelope } from "./schema_fields.ts";
import {
  balanceSummaryOutputSchema,
  buyableOutputSchema,
  dailyOrderRowsSchema,
  holdingRowsSchema,
} from "./rest_schemas.ts";

/** inquire-balance over every page: holdings still held and the account summary. */
export async function readBalance(calls: KisCalls): Promise<Balance> {
  const pages = await calls.getPaged("balance", KIS_PATHS.balance, {
    ...calls.accountFields,
    AFHR_FLPR_YN: "N",
    OFL_YN: "",
    INQR_DVSN: "02",
    UNPR_DVSN: "01",
    FUND_STTL_ICLD_YN: "N",
    FNCG_AMT_AUTO_RDPT_YN: "N",
    PRCS_DVSN: "00",
  });
  const holdings = pages.flatMap((page) =>
    calls.read(holdingRowsSchema, page.output1 ?? [], "inquire-balance holdings")
  )
    // Sold positions linger with quantity 0 until settlement.
    .filter((row) => row.hldg_qty > 0)
    .map(toHolding);
  const last = pages[pages.length - 1] as KisEnvelope;
  const summary = calls.read(balanceSummaryOutputSchema, last.output2, "inquire-balance summary");
  return { holdings, summary: toBalanceSummary(summary) };
}

/** inquire-psbl-order: what a buy of `symbol` at `price` (a market buy without one) can afford. */
export async function readBuyable(
  calls: KisCalls,
  symbol: SymbolCode,
  price?: number,
): Promise<Buyable> {
  const envelope = await calls.get("buyable", KIS_PATHS.buyable, {
    ...calls.accountFields,
    PDNO: symbol,
    ORD_UNPR: price === undefined ? "" : positiveInteger(price, "price"),
    ORD_DVSN: price === undefined ? "01" : "00",
    CMA_EVLU_AMT_ICLD_YN: "N",
    OVRS_ICLD_YN: "N",
  });
  return toBuyable(
    symbol,
    calls.read(buyableOutputSchema, envelope.output, "inquire-psbl-order"),
  );
}

interface JournalSpan extends DateRange {
  readonly operation: "dailyOrders" | "dailyOrdersArchive";
}

/** `range` cut where KIS switches TRs: the last three months, and the archive before them. */
function journalSpans(today: IsoDate, range: DateRange): JournalSpan[] {
  const [y, m, d] = today.split("-").map(Number) as [number, number, number];
  const cutoff = parseIsoDate(
    new Date(Date.UTC(y, m - 4, Math.min(d, 28))).toISOString().slice(0, 10),
  );
  const spans: JournalSpan[] = [];
  if (range.from < cutoff) {
    spans.push({
      operation: "dailyOrdersArchive",
      from: range.from,
      to: range.to < cutoff ? range.to : addDays(cutoff, -1),
    });
  }
  if (range.to >= cutoff) {
    spans.push({
      operation: "dailyOrders",
      from: range.from < cutoff ? cutoff : range.from,
      to: range.to,
    });
  }
  return spans;
}

/** inquire-daily-ccld over `range` (both TRs, every page): orders by date, time and number. */
export async function readOrders(
  calls: KisCalls,
  range: DateRange,
): Promise<OrderRecord[]> {
  const records: OrderRecord[] = [];
  for (const span of journalSpans(seoulDate(calls.clock.now()), range)) {
    const pages = await calls.getPaged(span.operation, KIS_PATHS.dailyOrders, {
      ...calls.accountFields,
      INQR_STRT_DT: compactDate(span.from),
      INQR_END_DT: compactDate(span.to),
      SLL_BUY_DVSN_CD: "00",
      INQR_DVSN: "01",
      PDNO: "",
      CCLD_DVSN: "00",
      ORD_GNO_BRNO: "",
      ODNO: "",
      INQR_DVSN_3: "00",
      INQR_DVSN_1: "",
      // every route, so orders sent through NXT or SOR (from any app) are listed too
      EXCG_ID_DVSN_CD: "ALL",
    });
    for (const page of pages) {
      records.push(
        ...calls.read(dailyOrderRowsSchema, page.output1 ?? [], "inquire-daily-ccld")
          .map(toOrderRecord),
      );
    }
  }
  return records.sort((a, b) =>
    a.date.localeCompare(b.date) || a.time.localeCompare(b.time) ||
    a.orderNo.localeCompare(b.orderNo)
  );
}
