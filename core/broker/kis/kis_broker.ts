import {
  compactDate,
  epochDayToIsoDate,
  type IsoDate,
  isoDateToEpochDay,
  kstWallClock,
  parseIsoDate,
  seoulDate,
  type SymbolCode,
} from "../../krx/mod.ts";
import type { Broker } from "../broker.ts";
import { BrokerError } from "../errors.ts";
import type {
  Balance,
  BarPeriod,
  BrokerStream,
  Buyable,
  DailyBar,
  MinuteBar,
  OrderAck,
  OrderRecord,
  OrderRef,
  OrderRequest,
  OrderRevision,
  Quote,
  StreamRequest,
} from "../types.ts";
import { type KisAccount, parseKisAccount } from "./account.ts";
import { type Clock, systemClock } from "./clock.ts";
import type { KisCredentials } from "./credentials.ts";
import { KIS_ENVS, KIS_PATHS, type KisEnv, trId } from "./env.ts";
import {
  clockTime,
  toBalanceSummary,
  toBuyable,
  toDailyBar,
  toHolding,
  toMinuteBar,
  toOrderRecord,
  toQuote,
} from "./mappers.ts";
import { issueApprovalKey } from "./oauth.ts";
import { RateBudget } from "./rate_budget.ts";
import { KisRestClient } from "./rest_client.ts";
import type { KisEnvelope } from "./schema_fields.ts";
import {
  balanceSummaryOutputSchema,
  buyableOutputSchema,
  dailyOrderRowsSchema,
  holdingRowsSchema,
  orderOutputSchema,
} from "./schemas_account.ts";
import {
  dailyChartRowsSchema,
  minuteChartRowsSchema,
  priceOutputSchema,
} from "./schemas_quotes.ts";
import { assertLiveTradingAllowed } from "./live_trading.ts";
import { TokenManager } from "./token_manager.ts";
import { openKisStream } from "./kis_stream.ts";
import { type KisSocketStatus, KisWebSocket } from "./ws_client.ts";
import type { z } from "zod";

/** Everything a `KisBroker` needs; URLs default to the environment's KIS hosts. */
export interface KisBrokerOptions {
  readonly env: KisEnv;
  readonly credentials: KisCredentials;
  /** `12345678-01`. */
  readonly account: string;
  /** HTS ID, the key of the order-notice feed. */
  readonly htsId?: string;
  /** Shared store for the token cache and the rate budget. */
  readonly kv: Deno.Kv;
  readonly restUrl?: string;
  readonly wsUrl?: string;
  readonly clock?: Clock;
  /** Overrides the environment's default budget (real 15/s, vts 1/s). */
  readonly requestsPerSecond?: number;
  /** Least time between token issuances for the app key; default 5 minutes. */
  readonly minTokenIssueIntervalMs?: number;
  readonly reconnectInitialMs?: number;
  readonly onSocketStatus?: (status: KisSocketStatus) => void;
  /**
   * The live-trading switch: new orders and revisions to a real account (env `real`, a KIS host)
   * are refused unless it is on. Cancels always go through. Default off.
   */
  readonly liveTrading?: boolean;
}

const PERIOD_CODES: Readonly<Record<BarPeriod, string>> = {
  day: "D",
  week: "W",
  month: "M",
  year: "Y",
};

const addDays = (date: IsoDate, days: number) => epochDayToIsoDate(isoDateToEpochDay(date) + days);

function parseOutput<T extends z.ZodType>(
  schema: T,
  value: unknown,
  what: string,
): z.infer<T> {
  const parsed = schema.safeParse(value);
  if (!parsed.success) {
    throw new BrokerError(
      "server",
      `KIS ${what} answer has an unexpected shape: ` +
        parsed.error.issues.map((issue) => `${issue.path.join(".")} ${issue.message}`).join("; "),
    );
  }
  return parsed.data;
}

function positiveInteger(value: number, what: string): string {
  if (!Number.isInteger(value) || value <= 0) {
    throw new BrokerError("invalid_order", `${what} must be a positive integer, got ${value}`);
  }
  return String(value);
}

/** The `Broker` over the KIS Open API (real or VTS), or the simulator at the same protocol. */
export class KisBroker implements Broker {
  readonly #options: KisBrokerOptions;
  readonly #account: KisAccount;
  readonly #clock: Clock;
  readonly #rest: KisRestClient;
  readonly #budget: RateBudget;
  readonly #restUrl: string;
  #socket: KisWebSocket | null = null;

  /** Wires the token cache, rate budget and REST client; opens no connection yet. */
  constructor(options: KisBrokerOptions) {
    this.#options = options;
    this.#account = parseKisAccount(options.account);
    this.#clock = options.clock ?? systemClock;
    const profile = KIS_ENVS[options.env];
    this.#restUrl = options.restUrl ?? profile.restUrl;
    this.#budget = new RateBudget(options.kv, options.credentials.appKey, {
      perSecond: options.requestsPerSecond ?? profile.requestsPerSecond,
      clock: this.#clock,
    });
    this.#rest = new KisRestClient({
      restUrl: this.#restUrl,
      credentials: options.credentials,
      budget: this.#budget,
      clock: this.#clock,
      tokens: new TokenManager({
        kv: options.kv,
        restUrl: this.#restUrl,
        credentials: options.credentials,
        clock: this.#clock,
        minIssueIntervalMs: options.minTokenIssueIntervalMs,
      }),
    });
  }

  #accountFields(): Record<string, string> {
    return { CANO: this.#account.cano, ACNT_PRDT_CD: this.#account.productCode };
  }

  async #get(operation: Parameters<typeof trId>[0], path: string, fields: Record<string, string>) {
    const reply = await this.#rest.send({
      method: "GET",
      path,
      trId: trId(operation, this.#options.env),
      fields,
    });
    return reply.envelope;
  }

  /** {@inheritDoc Broker.getQuote} */
  async getQuote(symbol: SymbolCode): Promise<Quote> {
    const envelope = await this.#get("price", KIS_PATHS.price, {
      FID_COND_MRKT_DIV_CODE: "J",
      FID_INPUT_ISCD: symbol,
    });
    return toQuote(symbol, parseOutput(priceOutputSchema, envelope.output, "inquire-price"));
  }

  /** {@inheritDoc Broker.getDailyBars} */
  async getDailyBars(
    symbol: SymbolCode,
    range: { readonly from: IsoDate; readonly to: IsoDate; readonly period?: BarPeriod },
  ): Promise<DailyBar[]> {
    const bars = new Map<string, DailyBar>();
    let end = range.to;
    // KIS returns at most 100 bars, newest first; the next page ends the day before the oldest.
    while (end >= range.from) {
      const envelope = await this.#get("dailyChart", KIS_PATHS.dailyChart, {
        FID_COND_MRKT_DIV_CODE: "J",
        FID_INPUT_ISCD: symbol,
        FID_INPUT_DATE_1: compactDate(range.from),
        FID_INPUT_DATE_2: compactDate(end),
        FID_PERIOD_DIV_CODE: PERIOD_CODES[range.period ?? "day"],
        FID_ORG_ADJ_PRC: "0",
      });
      const rows = parseOutput(dailyChartRowsSchema, envelope.output2 ?? [], "daily chart");
      const page = rows.map(toDailyBar).filter((bar) => bar.date >= range.from && bar.date <= end);
      if (page.length === 0) break;
      for (const bar of page) bars.set(bar.date, bar);
      const oldest = page.reduce((min, bar) => bar.date < min ? bar.date : min, end);
      end = addDays(oldest, -1);
    }
    return [...bars.values()].sort((a, b) => a.date.localeCompare(b.date));
  }

  /** {@inheritDoc Broker.getMinuteBars} */
  async getMinuteBars(symbol: SymbolCode): Promise<MinuteBar[]> {
    const today = kstWallClock(this.#clock.now());
    const bars = new Map<string, MinuteBar>();
    let until = today.compactTime;
    // 30 bars per call, newest first; the next call asks for the minute before the earliest.
    for (;;) {
      const envelope = await this.#get("minuteChart", KIS_PATHS.minuteChart, {
        FID_ETC_CLS_CODE: "",
        FID_COND_MRKT_DIV_CODE: "J",
        FID_INPUT_ISCD: symbol,
        FID_INPUT_HOUR_1: until,
        FID_PW_DATA_INCU_YN: "N",
      });
      const rows = parseOutput(minuteChartRowsSchema, envelope.output2 ?? [], "minute chart")
        .filter((row) => row.stck_bsop_date === today.compactDate && row.stck_cntg_hour <= until);
      if (rows.length === 0) break;
      for (const row of rows) bars.set(row.stck_cntg_hour, toMinuteBar(row));
      const earliest = rows.reduce(
        (min, row) => row.stck_cntg_hour < min ? row.stck_cntg_hour : min,
        until,
      );
      const seconds = Number(earliest.slice(0, 2)) * 3600 + Number(earliest.slice(2, 4)) * 60 - 60;
      if (seconds < 0) break;
      until = [Math.floor(seconds / 3600), Math.floor(seconds / 60) % 60, 0]
        .map((part) => String(part).padStart(2, "0")).join("");
    }
    return [...bars.values()].sort((a, b) => a.time.localeCompare(b.time));
  }

  async #post(
    operation: "orderBuy" | "orderSell" | "reviseCancel",
    path: string,
    fields: Record<string, string>,
  ) {
    if (fields.RVSE_CNCL_DVSN_CD !== "02") {
      assertLiveTradingAllowed(
        this.#options.env,
        this.#restUrl,
        this.#options.liveTrading ?? false,
      );
    }
    const reply = await this.#rest.send({
      method: "POST",
      path,
      trId: trId(operation, this.#options.env),
      fields,
    });
    const out = parseOutput(orderOutputSchema, reply.envelope.output, "order");
    return {
      orderNo: out.odno,
      branchNo: out.krx_fwdg_ord_orgno,
      acceptedAt: out.ord_tmd ? clockTime(out.ord_tmd.padStart(6, "0")) : "",
    } satisfies OrderAck;
  }

  /** {@inheritDoc Broker.placeOrder} */
  placeOrder(order: OrderRequest): Promise<OrderAck> {
    return this.#post(order.side === "buy" ? "orderBuy" : "orderSell", KIS_PATHS.orderCash, {
      ...this.#accountFields(),
      PDNO: order.symbol,
      ORD_DVSN: order.type === "limit" ? "00" : "01",
      ORD_QTY: positiveInteger(order.quantity, "order quantity"),
      // KIS wants "0" as the price of a market order.
      ORD_UNPR: order.type === "limit" ? positiveInteger(order.price, "limit price") : "0",
      EXCG_ID_DVSN_CD: "KRX",
      ...(order.side === "sell" ? { SLL_TYPE: "01" } : {}),
    });
  }

  #reviseCancel(ref: OrderRef, fields: Record<string, string>): Promise<OrderAck> {
    return this.#post("reviseCancel", KIS_PATHS.reviseCancel, {
      ...this.#accountFields(),
      KRX_FWDG_ORD_ORGNO: ref.branchNo,
      ORGN_ODNO: ref.orderNo,
      EXCG_ID_DVSN_CD: "KRX",
      ...fields,
    });
  }

  /** {@inheritDoc Broker.reviseOrder} */
  reviseOrder(ref: OrderRef, revision: OrderRevision): Promise<OrderAck> {
    return this.#reviseCancel(ref, {
      RVSE_CNCL_DVSN_CD: "01",
      ORD_DVSN: revision.type === "limit" ? "00" : "01",
      ORD_UNPR: revision.type === "limit" ? positiveInteger(revision.price, "limit price") : "0",
      ORD_QTY: revision.quantity === undefined
        ? "0"
        : positiveInteger(revision.quantity, "revised quantity"),
      QTY_ALL_ORD_YN: revision.quantity === undefined ? "Y" : "N",
    });
  }

  /** {@inheritDoc Broker.cancelOrder} */
  cancelOrder(ref: OrderRef, quantity?: number): Promise<OrderAck> {
    return this.#reviseCancel(ref, {
      RVSE_CNCL_DVSN_CD: "02",
      ORD_DVSN: "00",
      ORD_UNPR: "0",
      ORD_QTY: quantity === undefined ? "0" : positiveInteger(quantity, "cancel quantity"),
      QTY_ALL_ORD_YN: quantity === undefined ? "Y" : "N",
    });
  }

  /** {@inheritDoc Broker.getBalance} */
  async getBalance(): Promise<Balance> {
    const pages = await this.#rest.sendPaged({
      path: KIS_PATHS.balance,
      trId: trId("balance", this.#options.env),
      fields: {
        ...this.#accountFields(),
        AFHR_FLPR_YN: "N",
        OFL_YN: "",
        INQR_DVSN: "02",
        UNPR_DVSN: "01",
        FUND_STTL_ICLD_YN: "N",
        FNCG_AMT_AUTO_RDPT_YN: "N",
        PRCS_DVSN: "00",
      },
    });
    const holdings = pages.flatMap((page) =>
      parseOutput(holdingRowsSchema, page.output1 ?? [], "inquire-balance holdings")
    )
      // Sold positions linger with quantity 0 until settlement.
      .filter((row) => row.hldg_qty > 0)
      .map(toHolding);
    const last = pages[pages.length - 1] as KisEnvelope;
    const summary = parseOutput(
      balanceSummaryOutputSchema,
      last.output2,
      "inquire-balance summary",
    );
    return { holdings, summary: toBalanceSummary(summary) };
  }

  /** {@inheritDoc Broker.getBuyable} */
  async getBuyable(symbol: SymbolCode, price?: number): Promise<Buyable> {
    const envelope = await this.#get("buyable", KIS_PATHS.buyable, {
      ...this.#accountFields(),
      PDNO: symbol,
      ORD_UNPR: price === undefined ? "" : positiveInteger(price, "price"),
      ORD_DVSN: price === undefined ? "01" : "00",
      CMA_EVLU_AMT_ICLD_YN: "N",
      OVRS_ICLD_YN: "N",
    });
    return toBuyable(
      symbol,
      parseOutput(buyableOutputSchema, envelope.output, "inquire-psbl-order"),
    );
  }

  /** {@inheritDoc Broker.getOrders} */
  async getOrders(range: { readonly from: IsoDate; readonly to: IsoDate }): Promise<OrderRecord[]> {
    const today = seoulDate(this.#clock.now());
    // KIS serves the last three months and older orders from two different TRs.
    const [y, m, d] = today.split("-").map(Number) as [number, number, number];
    const cutoff = parseIsoDate(
      new Date(Date.UTC(y, m - 4, Math.min(d, 28))).toISOString().slice(0, 10),
    );
    const spans: { operation: "dailyOrders" | "dailyOrdersArchive"; from: IsoDate; to: IsoDate }[] =
      [];
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
    const records: OrderRecord[] = [];
    for (const span of spans) {
      const pages = await this.#rest.sendPaged({
        path: KIS_PATHS.dailyOrders,
        trId: trId(span.operation, this.#options.env),
        fields: {
          ...this.#accountFields(),
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
          EXCG_ID_DVSN_CD: "KRX",
        },
      });
      for (const page of pages) {
        records.push(
          ...parseOutput(dailyOrderRowsSchema, page.output1 ?? [], "inquire-daily-ccld")
            .map(toOrderRecord),
        );
      }
    }
    return records.sort((a, b) =>
      a.date.localeCompare(b.date) || a.time.localeCompare(b.time) ||
      a.orderNo.localeCompare(b.orderNo)
    );
  }

  #realtime(): KisWebSocket {
    this.#socket ??= new KisWebSocket({
      wsUrl: this.#options.wsUrl ?? KIS_ENVS[this.#options.env].wsUrl,
      appKey: this.#options.credentials.appKey,
      issueApprovalKey: () => issueApprovalKey(this.#restUrl, this.#options.credentials),
      budget: this.#budget,
      clock: this.#clock,
      reconnectInitialMs: this.#options.reconnectInitialMs,
      onStatus: this.#options.onSocketStatus,
    });
    return this.#socket;
  }

  /** {@inheritDoc Broker.stream} */
  async stream(request: StreamRequest): Promise<BrokerStream> {
    if (request.orderNotices && !this.#options.htsId) {
      throw new BrokerError("auth", "order notices need the HTS ID (KIS_HTS_ID) as their feed key");
    }
    return await openKisStream(
      this.#realtime(),
      this.#options.env,
      request,
      this.#options.htsId ?? "",
    );
  }

  /** Closes the realtime socket, if one was opened. */
  async close(): Promise<void> {
    await this.#socket?.close();
    this.#socket = null;
  }
}
