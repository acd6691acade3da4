import {
  clockTime,
  type DateRange,
  type IsoDate,
  type OrderRoute,
  type SessionPhase,
  type SymbolCode,
} from "../../krx/mod.ts";
import { BrokerError } from "../errors.ts";
import type {
  Balance,
  BarRange,
  Broker,
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
  QuoteSource,
  StreamRequest,
} from "../types.ts";
import { type KisAccount, parseKisAccount } from "./account.ts";
import { type Clock, systemClock } from "./clock.ts";
import type { KisCredentials } from "./credentials.ts";
import { KIS_ENVS, KIS_PATHS, type KisEnv, trId } from "./env.ts";
import { readBalance, readBuyable, readOrders } from "./kis_account_reads.ts";
import { type KisCalls, type KisLogger, OutputReader } from "./kis_calls.ts";
import { cancelFields, orderCashFields, reviseFields } from "./kis_order_fields.ts";
import { readDailyBars, readMinuteBars, readQuote } from "./kis_quotes.ts";
import { openKisStream } from "./kis_stream.ts";
import { type MarketDay, readMarketDays } from "./market_days.ts";
import { assertLiveTradingAllowed } from "./live_trading.ts";
import type { KisMetricsSink } from "./metrics_sink.ts";
import { issueApprovalKey } from "./oauth.ts";
import { RateBudget, type RateBudgetSharing } from "./rate_budget.ts";
import { KisRestClient } from "./rest_client.ts";
import { orderOutputSchema } from "./rest_schemas.ts";
import { TokenManager } from "./token_manager.ts";
import { type KisSocketStatus, KisWebSocket } from "./ws_client.ts";

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
  /**
   * The client's time: token expiry, "today" for date-bound reads, retry waits. A simulated
   * market passes its own clock here; the rate budget does not follow it (see `rateClock`).
   */
  readonly clock?: Clock;
  /**
   * The rate budget's time, default the wall clock: KIS counts calls per real second, so the
   * budget (and its lease) keeps real time even when `clock` is a simulated market's, which may
   * run faster or jump. Tests pass a virtual clock to see the budget's waits.
   */
  readonly rateClock?: Clock;
  /** Overrides the environment's default budget (real 15/s, vts 1/s). */
  readonly requestsPerSecond?: number;
  /**
   * `shared` (default): every REST call commits the app key's budget in KV, for processes that
   * share the key; `leased`: the broker holds the budget and spends it in memory, for one process
   * that owns the key (see {@link RateBudgetSharing}).
   */
  readonly rateBudget?: RateBudgetSharing;
  /** Least time between token issuances for the app key; default 5 minutes. */
  readonly minTokenIssueIntervalMs?: number;
  readonly reconnectInitialMs?: number;
  readonly onSocketStatus?: (status: KisSocketStatus) => void;
  /**
   * The live-trading switch: new orders and revisions to a real account (env `real`, a KIS host)
   * are refused unless it is on. Cancels always go through. Default off.
   */
  readonly liveTrading?: boolean;
  /**
   * The account's order routing (`EXCG_ID_DVSN_CD`) for orders that do not name one: KRX (the
   * default), NXT or SOR (KIS's smart order routing).
   */
  readonly route?: OrderRoute;
  /** Where warnings go (a KIS answer missing a secondary field); default the project's logger. */
  readonly log?: KisLogger;
  /** Where REST outcomes, retries, token issuances and socket changes are reported; default nowhere. */
  readonly metrics?: KisMetricsSink;
}

/** KRX takes regular orders from the 08:30 pre-open through the closing auction. */
const KRX_ORDER_PHASES: readonly SessionPhase[] = [
  "pre_open",
  "opening_auction",
  "continuous",
  "closing_auction",
];

/** KIS's mock server (모의투자) refuses orders before 09:00 ("모의투자 장시작전 입니다."). */
const MOCK_ORDER_PHASES: readonly SessionPhase[] = ["continuous", "closing_auction"];

/** The `Broker` over the KIS Open API (real or VTS), or the simulator at the same protocol. */
export class KisBroker implements Broker {
  readonly #options: KisBrokerOptions;
  readonly #account: KisAccount;
  readonly #clock: Clock;
  readonly #rest: KisRestClient;
  readonly #budget: RateBudget;
  readonly #restUrl: string;
  readonly #calls: KisCalls;
  #socket: KisWebSocket | null = null;

  /** {@link Broker.orderPhases}: KRX's for `real`; KIS's mock server trades the regular session only. */
  get orderPhases(): readonly SessionPhase[] {
    return this.#options.env === "vts" ? MOCK_ORDER_PHASES : KRX_ORDER_PHASES;
  }

  /** Wires the token cache, rate budget and REST client; opens no connection yet. */
  constructor(options: KisBrokerOptions) {
    this.#options = options;
    this.#account = parseKisAccount(options.account);
    this.#clock = options.clock ?? systemClock;
    const profile = KIS_ENVS[options.env];
    this.#restUrl = options.restUrl ?? profile.restUrl;
    this.#budget = new RateBudget(options.kv, options.credentials.appKey, {
      perSecond: options.requestsPerSecond ?? profile.requestsPerSecond,
      clock: options.rateClock ?? systemClock,
      sharing: options.rateBudget,
      metrics: options.metrics,
    });
    this.#rest = new KisRestClient({
      restUrl: this.#restUrl,
      credentials: options.credentials,
      budget: this.#budget,
      clock: this.#clock,
      metrics: options.metrics,
      tokens: new TokenManager({
        kv: options.kv,
        restUrl: this.#restUrl,
        credentials: options.credentials,
        clock: this.#clock,
        minIssueIntervalMs: options.minTokenIssueIntervalMs,
        metrics: options.metrics,
      }),
    });
    const rest = this.#rest;
    const reader = new OutputReader(options.log);
    const env = options.env;
    this.#calls = {
      env,
      clock: this.#clock,
      accountFields: { CANO: this.#account.cano, ACNT_PRDT_CD: this.#account.productCode },
      get: async (operation, path, fields) =>
        (await rest.send({ method: "GET", path, trId: trId(operation, env), fields })).envelope,
      getPaged: (operation, path, fields, context) =>
        rest.sendPaged({ path, trId: trId(operation, env), fields, context }),
      read: (schema, value, what) => reader.read(schema, value, what),
    };
  }

  /** {@inheritDoc Broker.getQuote} */
  getQuote(symbol: SymbolCode, source: QuoteSource = "KRX"): Promise<Quote> {
    return readQuote(this.#calls, symbol, source);
  }

  /** {@inheritDoc Broker.getDailyBars} */
  getDailyBars(symbol: SymbolCode, range: BarRange): Promise<DailyBar[]> {
    return readDailyBars(this.#calls, symbol, range);
  }

  /** {@inheritDoc Broker.getMinuteBars} */
  getMinuteBars(symbol: SymbolCode): Promise<MinuteBar[]> {
    return readMinuteBars(this.#calls, symbol);
  }

  /**
   * Sends an order TR for `ref` on its route (its own, else the account's routing, else KRX);
   * `fieldsOn` builds the body for that route, without the account fields.
   */
  async #post(
    operation: "orderBuy" | "orderSell" | "reviseCancel",
    ref: { readonly route?: OrderRoute },
    fieldsOn: (route: OrderRoute) => Record<string, string>,
  ): Promise<OrderAck> {
    const route = ref.route ?? this.#options.route ?? "KRX";
    const fields = fieldsOn(route);
    if (fields.RVSE_CNCL_DVSN_CD !== "02") {
      assertLiveTradingAllowed(
        this.#options.env,
        this.#restUrl,
        this.#options.liveTrading ?? false,
      );
    }
    const reply = await this.#rest.send({
      method: "POST",
      path: operation === "reviseCancel" ? KIS_PATHS.reviseCancel : KIS_PATHS.orderCash,
      trId: trId(operation, this.#options.env),
      fields: { ...this.#calls.accountFields, ...fields },
    });
    const out = this.#calls.read(orderOutputSchema, reply.envelope.output, "order");
    return {
      orderNo: out.odno,
      branchNo: out.krx_fwdg_ord_orgno,
      route,
      acceptedAt: out.ord_tmd ? clockTime(out.ord_tmd.padStart(6, "0")) : "",
    };
  }

  /** {@inheritDoc Broker.placeOrder} */
  placeOrder(order: OrderRequest): Promise<OrderAck> {
    const operation = order.side === "buy" ? "orderBuy" : "orderSell";
    return this.#post(operation, order, (route) => orderCashFields(order, route));
  }

  /** {@inheritDoc Broker.reviseOrder} */
  reviseOrder(ref: OrderRef, revision: OrderRevision): Promise<OrderAck> {
    return this.#post("reviseCancel", ref, (route) => reviseFields(ref, revision, route));
  }

  /** {@inheritDoc Broker.cancelOrder} */
  cancelOrder(ref: OrderRef, quantity?: number): Promise<OrderAck> {
    return this.#post("reviseCancel", ref, (route) => cancelFields(ref, route, quantity));
  }

  /** {@inheritDoc Broker.getBalance} */
  getBalance(): Promise<Balance> {
    return readBalance(this.#calls);
  }

  /** {@inheritDoc Broker.getBuyable} */
  getBuyable(symbol: SymbolCode, price?: number): Promise<Buyable> {
    return readBuyable(this.#calls, symbol, price);
  }

  /** {@inheritDoc Broker.getOrders} */
  getOrders(range: DateRange): Promise<OrderRecord[]> {
    return readOrders(this.#calls, range);
  }

  /**
   * KIS's holiday inquiry (chk-holiday, CTCA0903R) from `from` on: which days open, do business
   * and settle. Real accounts only; the mock server refuses it ("모의투자 TR 이 아닙니다.").
   */
  getMarketDays(from: IsoDate): Promise<MarketDay[]> {
    return readMarketDays(this.#calls, from);
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
      metrics: this.#options.metrics,
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
      this.#options.metrics && { clock: this.#clock, metrics: this.#options.metrics },
    );
  }

  /**
   * Closes the realtime socket, if one was opened, which ends the iteration of every open stream,
   * and hands back a held rate-budget lease.
   */
  async close(): Promise<void> {
    await this.#socket?.close();
    this.#socket = null;
    await this.#budget.release();
  }
}
