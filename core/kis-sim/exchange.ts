import {
  DEFAULT_FEE_RATE,
  fillCosts,
  type IsoDate,
  seoulDate,
  type SessionPhase,
  sessionPhaseAt,
} from "../krx/mod.ts";
import { kstInstant } from "../krx/time.ts";
import { SimAccount } from "./accounts.ts";
import {
  insufficientCashError,
  insufficientQuantityError,
  KIS_ERRORS,
  type SimReply,
} from "./errors.ts";
import type {
  ExchangeEvents,
  LedgerState,
  OrderResult,
  ReviseRequest,
  SimOrderNotice,
  SimOrderRequest,
} from "./exchange_types.ts";
import { eventKind } from "./intraday.ts";
import type { SimMarket, TradePrint } from "./market.ts";
import { checkPrice, checkVenueSession, routeOrder, venueMatchesNow } from "./order_rules.ts";
import type { OrderDraft, SimOrder, SimSide } from "./orders.ts";
import { seededOrders, SIM_ORG_NO } from "./seed_fills.ts";
import type { SimSymbol } from "./symbols.ts";
import type { SimEnv } from "./tr_ids.ts";

/**
 * The matching engine and account ledger over a {@link SimMarket}. Pure: the caller moves it to
 * an instant with {@link SimExchange.sync} and gets back what happened.
 */
export class SimExchange {
  /** The market it trades on. */
  readonly market: SimMarket;
  /** Which KIS environment's rules (session, messages) it follows. */
  readonly env: SimEnv;
  /** Commission rate charged on every fill. */
  readonly feeRate: number;
  #accounts = new Map<string, SimAccount>();
  #orders: SimOrder[] = [];
  #open = new Map<string, SimOrder[]>();
  #consumed = new Map<string, number>();
  #nextOdno = 10_001;
  #changedOrders = new Set<SimOrder>();
  #changedAccounts = new Set<SimAccount>();

  /** Creates an exchange; fees default to {@link DEFAULT_FEE_RATE}. */
  constructor(market: SimMarket, env: SimEnv, feeRate = DEFAULT_FEE_RATE) {
    this.market = market;
    this.env = env;
    this.feeRate = feeRate;
  }

  /** Opens an account with settled `cash` won. */
  openAccount(id: string, htsId: string, name: string, cash: number): SimAccount {
    const account = new SimAccount(id, htsId, name, cash);
    this.#accounts.set(id, account);
    this.#changedAccounts.add(account);
    return account;
  }

  /** The account `id` (`CANO-ACNT_PRDT_CD`), if open. */
  account(id: string): SimAccount | undefined {
    return this.#accounts.get(id);
  }

  /** Every account. */
  accounts(): SimAccount[] {
    return [...this.#accounts.values()];
  }

  /** The journal of `accountId`, oldest first. */
  orders(accountId: string): SimOrder[] {
    return this.#orders.filter((o) => o.accountId === accountId);
  }

  /** The market phase now. */
  phase(): SessionPhase {
    return sessionPhaseAt(this.market.instant, this.market.calendar);
  }

  /** Cash available for new buys: deposit plus unsettled movements minus open-buy reservations. */
  orderableCash(accountId: string): number {
    const account = this.#require(accountId);
    const reserved = this.#orders.filter((o) =>
      o.accountId === accountId && o.side === "buy" && o.remaining > 0
    )
      .reduce((sum, o) => sum + this.buyReservation(o.symbol, o.reservePrice, o.remaining), 0);
    return account.deposit + account.pendingNet() - reserved;
  }

  /** Shares of `code` not yet committed to open sell orders. */
  orderableQty(accountId: string, code: string): number {
    const held = this.#require(accountId).holdings.get(code)?.qty ?? 0;
    const selling = this.#orders.filter((o) =>
      o.accountId === accountId && o.side === "sell" && o.symbol.code === code && o.remaining > 0
    ).reduce((sum, o) => sum + o.remaining, 0);
    return held - selling;
  }

  /**
   * Cash a buy of `qty` at `price` reserves: value plus the commission a fill at that price is
   * charged, from the same exact integer fee function, so cash that covers the reservation covers
   * the fill to the won.
   */
  buyReservation(symbol: SimSymbol, price: number, qty: number): number {
    return price * qty + this.#costs(symbol, "buy", price, qty).fee;
  }

  /** The most shares of `symbol` a buy at `price` can afford now. */
  maxBuyQty(accountId: string, symbol: SimSymbol, price: number): number {
    const cash = this.orderableCash(accountId);
    if (price <= 0 || cash <= 0) return 0;
    let qty = Math.floor(cash / (price * (1 + this.feeRate)));
    while (qty > 0 && this.buyReservation(symbol, price, qty) > cash) qty -= 1;
    while (this.buyReservation(symbol, price, qty + 1) <= cash) qty += 1;
    return qty;
  }

  /** Commission and sell tax of one fill of `symbol` today (KRX's exact truncation to the won). */
  #costs(symbol: SimSymbol, side: SimSide, price: number, qty: number) {
    return fillCosts(
      { side, price, qty, date: this.market.date, market: symbol.market, instrument: symbol.kind },
      { feeRate: this.feeRate },
    );
  }

  /** Brings market and orders to `instant`: trades happen, orders fill, days close and settle. */
  sync(instant: Date): ExchangeEvents {
    const events: ExchangeEvents = { prints: [], notices: [] };
    const target = seoulDate(instant);
    while (this.market.date < target) {
      this.#apply(this.market.advanceTo(kstInstant(this.market.date, 23, 59, 59)), events);
      this.#expireOpenOrders();
      this.market.rollToNextDay();
      this.#beginDay(this.market.date);
    }
    this.#apply(this.market.advanceTo(instant), events);
    return events;
  }

  /** Places an order now, with KRX and KIS checks; fills what it can against the book at once. */
  placeOrder(request: SimOrderRequest): OrderResult {
    const account = this.#accounts.get(request.accountId);
    if (!account) return reject(KIS_ERRORS.invalidAccount);
    const symbol = this.market.symbol(request.code);
    if (!symbol) return reject(KIS_ERRORS.unknownSymbol);
    if (!Number.isSafeInteger(request.qty) || request.qty <= 0) {
      return reject(KIS_ERRORS.invalidQuantity);
    }
    const quote = this.market.quote(symbol.code);
    const priceError = checkPrice(request.type, request.price, quote.base, {
      instrument: symbol.kind,
      market: symbol.market,
      date: this.market.date,
    });
    if (priceError) return reject(priceError);
    const venue = routeOrder(this.market, this.env, request, symbol);
    if (typeof venue !== "string") return reject(venue);
    const reservePrice = request.type === "limit" ? request.price : quote.upper;
    if (request.side === "buy") {
      if (this.buyReservation(symbol, reservePrice, request.qty) > this.orderableCash(account.id)) {
        return reject(insufficientCashError(this.env));
      }
    } else if (request.qty > this.orderableQty(account.id, symbol.code)) {
      return reject(insufficientQuantityError(this.env));
    }
    const order = this.#record({
      accountId: account.id,
      symbol,
      route: request.route,
      venue,
      side: request.side,
      type: request.type,
      price: request.type === "limit" ? request.price : 0,
      reservePrice,
      qty: request.qty,
      action: "new",
      originalOdno: null,
    });
    const notices = [this.#ack(order)];
    this.#rest(order);
    if (venueMatchesNow(this.market, venue)) this.#matchAgainstBook(order, notices);
    return { ok: true, order, notices };
  }

  /** Revises or cancels the open part of an order (KIS creates a new journal row for either). */
  reviseOrCancel(request: ReviseRequest): OrderResult {
    const account = this.#accounts.get(request.accountId);
    if (!account) return reject(KIS_ERRORS.invalidAccount);
    const original = this.#orders.find((o) =>
      o.accountId === account.id && o.odno === request.originalOdno
    );
    // KIS looks the original order up on the venue the revision names (sim: a wrong one finds none)
    if (!original || original.route !== request.route) return reject(KIS_ERRORS.orderNotFound);
    if (original.remaining <= 0) return reject(KIS_ERRORS.nothingToRevise);
    const qty = request.qty === "all" ? original.remaining : request.qty;
    if (!Number.isSafeInteger(qty) || qty <= 0 || qty > original.remaining) {
      return reject(KIS_ERRORS.invalidQuantity);
    }
    const sessionError = checkVenueSession(this.market, this.env, original.venue);
    if (sessionError) return reject(sessionError);
    if (original.venue === "NXT" && request.type === "market") {
      return reject(KIS_ERRORS.unsupportedOrderType);
    }
    if (request.action === "cancel") {
      this.#takeRemaining(original, qty);
      const order = this.#record({
        ...original,
        qty,
        action: "cancel",
        originalOdno: original.odno,
      });
      order.remaining = 0;
      order.cancelledQty = qty;
      return { ok: true, order, notices: [this.#ack(order)] };
    }
    const quote = this.market.quote(original.symbol.code);
    const priceError = checkPrice(request.type, request.price, quote.base, {
      instrument: original.symbol.kind,
      market: original.symbol.market,
      date: this.market.date,
    });
    if (priceError) return reject(priceError);
    const reservePrice = request.type === "limit" ? request.price : quote.upper;
    if (original.side === "buy") {
      const freed = this.buyReservation(original.symbol, original.reservePrice, qty);
      const needed = this.buyReservation(original.symbol, reservePrice, qty);
      if (needed > this.orderableCash(account.id) + freed) {
        return reject(insufficientCashError(this.env));
      }
    }
    this.#takeRemaining(original, qty);
    const order = this.#record({
      ...original,
      type: request.type,
      price: request.type === "limit" ? request.price : 0,
      reservePrice,
      qty,
      action: "revise",
      originalOdno: original.odno,
    });
    const notices = [this.#ack(order)];
    this.#rest(order);
    if (venueMatchesNow(this.market, order.venue)) this.#matchAgainstBook(order, notices);
    return { ok: true, order, notices };
  }

  /** Adds `count` filled orders on past trading days to the journal (cash and holdings untouched). */
  seedFills(accountId: string, count: number): void {
    this.#require(accountId);
    const seeded = seededOrders(this.market, accountId, count, () => this.#newOdno());
    this.#orders = [...seeded, ...this.#orders];
    for (const order of seeded) this.#changedOrders.add(order);
  }

  /**
   * The accounts and orders changed since the last call, with the next order number and the
   * market's date: what a ledger must write to replay this exchange after a restart.
   */
  takeChanges(): LedgerState {
    const changes = {
      accounts: [...this.#changedAccounts],
      orders: [...this.#changedOrders],
      nextOdno: this.#nextOdno,
      date: this.market.date,
    };
    this.#changedAccounts.clear();
    this.#changedOrders.clear();
    return changes;
  }

  /**
   * Replaces accounts and journal with a ledger written on `ledger.date`. The same day, open
   * orders rest again and keep matching; when the market has rolled past that day, they expire as
   * at KRX's close (their reservations are released) and every account settles day by day.
   */
  restore(ledger: LedgerState): void {
    if (ledger.date > this.market.date) {
      throw new RangeError(
        `the ledger is dated ${ledger.date}, after the market's date ${this.market.date}`,
      );
    }
    this.#changedAccounts.clear();
    this.#changedOrders.clear();
    this.#accounts = new Map(ledger.accounts.map((a) => [a.id, a]));
    this.#orders = [...ledger.orders];
    this.#nextOdno = ledger.nextOdno;
    this.#open.clear();
    for (const order of this.#orders) if (order.remaining > 0) this.#rest(order);
    if (ledger.date === this.market.date) return;
    this.#expireOpenOrders();
    const calendar = this.market.calendar;
    for (let day = calendar.nextTradingDay(ledger.date); day <= this.market.date;) {
      this.#beginDay(day);
      day = calendar.nextTradingDay(day);
    }
  }

  #beginDay(date: IsoDate): void {
    for (const account of this.#accounts.values()) {
      account.beginDay(date);
      this.#changedAccounts.add(account);
    }
  }

  #require(accountId: string): SimAccount {
    const account = this.#accounts.get(accountId);
    if (!account) throw new RangeError(`no simulated account ${accountId}`);
    return account;
  }

  #record(fields: OrderDraft): SimOrder {
    const order: SimOrder = {
      accountId: fields.accountId,
      symbol: fields.symbol,
      route: fields.route,
      venue: fields.venue,
      side: fields.side,
      type: fields.type,
      price: fields.price,
      reservePrice: fields.reservePrice,
      qty: fields.qty,
      action: fields.action,
      originalOdno: fields.originalOdno,
      odno: this.#newOdno(),
      orgNo: SIM_ORG_NO,
      date: this.market.date,
      orderedAt: this.market.instant,
      remaining: fields.qty,
      filledQty: 0,
      filledAmount: 0,
      cancelledQty: 0,
      fills: [],
    };
    this.#orders.push(order);
    this.#changedOrders.add(order);
    return order;
  }

  #newOdno(): string {
    return String(this.#nextOdno++).padStart(10, "0");
  }

  #rest(order: SimOrder): void {
    const list = this.#open.get(order.symbol.code) ?? [];
    list.push(order);
    this.#open.set(order.symbol.code, list);
  }

  #takeRemaining(order: SimOrder, qty: number): void {
    order.remaining -= qty;
    order.cancelledQty += qty;
    this.#changedOrders.add(order);
    if (order.remaining === 0) this.#unrest(order);
  }

  #unrest(order: SimOrder): void {
    const list = this.#open.get(order.symbol.code) ?? [];
    this.#open.set(order.symbol.code, list.filter((o) => o !== order));
  }

  #matchAgainstBook(order: SimOrder, notices: SimOrderNotice[]): void {
    const code = order.symbol.code;
    const book = this.market.book(code);
    const levels = order.side === "buy" ? book.asks : book.bids;
    const eventKey = `${code}|${this.market.date}|${this.market.eventsDone(code)}`;
    for (const level of levels) {
      if (order.remaining === 0) break;
      const crosses = order.type === "market" ||
        (order.side === "buy" ? level.price <= order.price : level.price >= order.price);
      if (!crosses) break;
      const key = `${eventKey}|${order.side}|${level.price}`;
      const used = this.#consumed.get(key) ?? 0;
      const qty = Math.min(order.remaining, level.qty - used);
      if (qty <= 0) continue;
      this.#consumed.set(key, used + qty);
      notices.push(this.#fill(order, qty, level.price, this.market.instant));
    }
  }

  #apply(prints: TradePrint[], events: ExchangeEvents): void {
    if (prints.length > 0) this.#consumed.clear();
    for (const print of prints) {
      events.prints.push(print);
      const resting = this.#open.get(print.symbol.code);
      if (!resting || resting.length === 0) continue;
      const price = print.path.prices[print.k] ?? 0;
      const kind = eventKind(print.path, print.k);
      const auction = kind === "opening_auction" || kind === "closing_auction";
      let volume = auction ? Infinity : print.path.volumes[print.k] ?? 0;
      for (const order of [...resting]) {
        if (volume <= 0) break;
        if (!print.venues.includes(order.venue)) continue;
        const crosses = order.type === "market" ||
          (order.side === "buy" ? price <= order.price : price >= order.price);
        if (!crosses) continue;
        const qty = Math.min(order.remaining, volume);
        volume -= qty;
        // auctions clear at one price; a resting limit order is hit at its own price
        const fillPrice = auction || order.type === "market" ? price : order.price;
        events.notices.push(this.#fill(order, qty, fillPrice, print.at));
      }
    }
  }

  #fill(order: SimOrder, qty: number, price: number, at: Date): SimOrderNotice {
    const account = this.#require(order.accountId);
    const fill = { qty, price, at };
    order.fills.push(fill);
    order.remaining -= qty;
    order.filledQty += qty;
    order.filledAmount += qty * price;
    this.#changedOrders.add(order);
    this.#changedAccounts.add(account);
    if (order.remaining === 0) this.#unrest(order);
    const date = this.market.date;
    const costs = this.#costs(order.symbol, order.side, price, qty);
    const settleDate: IsoDate = this.market.calendar.addTradingDays(date, 2);
    if (order.side === "buy") {
      account.applyBuy(order.symbol.code, price, qty, costs.fee, settleDate);
    } else account.applySell(order.symbol.code, price, qty, costs, settleDate);
    return { kind: "fill", order, account, fill, at };
  }

  #ack(order: SimOrder): SimOrderNotice {
    const account = this.#require(order.accountId);
    return { kind: "ack", order, account, fill: null, at: this.market.instant };
  }

  #expireOpenOrders(): void {
    for (const list of this.#open.values()) {
      for (const order of list) {
        order.cancelledQty += order.remaining;
        order.remaining = 0;
        this.#changedOrders.add(order);
      }
    }
    this.#open.clear();
  }
}

function reject(error: SimReply): OrderResult {
  return { ok: false, error };
}
