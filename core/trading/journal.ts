/**
 * The order journal: every order is written as an intent under the caller's idempotency key
 * before the broker is called, then moved through its states as the broker answers or as
 * reconciliation finds it. One idempotency key never sends a second order unless reconciliation
 * proved the first one was never sent.
 * @module
 */
import { z } from "zod";
import type { Broker, OrderRequest, OrderRevision } from "../broker/mod.ts";
import {
  DEFAULT_CALENDAR,
  type OrderRoute,
  type PriceLimitContext,
  seoulDate,
  type SymbolCode,
  type TradingCalendar,
} from "../krx/mod.ts";
import { log as defaultLog, type LogFields, type LogLevel } from "../obs/log.ts";
import { inSpan } from "../obs/tracing.ts";
import { type Page, type PageRequest, type Store, StoreConflictError } from "../store/mod.ts";
import {
  type AmendContext,
  type AmendmentReconcileReport,
  amendOrder,
  reconcileAmendments,
} from "./amend.ts";
import type { AmendmentRequest, OrderAmendment } from "./amendment.ts";
import { AmendmentRepository } from "./amendment_repository.ts";
import { type BalanceReading, isFresh } from "./balance_reading.ts";
import { isFreshPrice, type PriceReading } from "./price_reading.ts";
import { failureChange } from "./failure.ts";
import { KILL_SWITCH_KEY, parseKillSwitch } from "./kill_switch.ts";
import { NO_TRADING_OBSERVER, type TradingObserver } from "./observer.ts";
import { OrderRepository, type PlacementView, RefClaimedError } from "./order_repository.ts";
import { orderOrigin } from "./origin.ts";
import {
  canTransition,
  type JournalOrder,
  OPEN_STATUSES,
  orderRequestSchema,
  type OrderStateChange,
  type OrderStatus,
  sameRequest,
} from "./order_state.ts";
import { type PositionsSync, syncPositions } from "./positions.ts";
import { type ReconcileOptions, reconcileOrders, type ReconcileReport } from "./reconcile.ts";
import {
  checkOrder,
  orderAmount,
  type RiskLimits,
  RiskRejected,
  type RiskSnapshot,
} from "./risk.ts";

export { failureChange } from "./failure.ts";

/** An order to place and the caller's key that makes placing it idempotent. */
export interface OrderIntent {
  /** Chosen by the caller, stable across its retries (e.g. `strategy:ma-cross:2026-11-27:005930`). */
  readonly idempotencyKey: string;
  readonly order: OrderRequest;
  /** Who asked for it (e.g. the API caller's username), named in the intent's audit entry. */
  readonly by?: string;
  /**
   * The price the order was decided at, integer KRW (a signal's close, an alert's trigger price);
   * without it the last price the risk checks read. Slippage is measured against it.
   */
  readonly signalPrice?: number;
}

const intentSchema = z.object({
  idempotencyKey: z.string().min(1).max(200),
  order: orderRequestSchema,
  by: z.string().min(1).max(200).optional(),
  signalPrice: z.number().int().positive().optional(),
});

/** An idempotency key used again for a different order: a caller bug, refused before anything. */
export class IdempotencyKeyReusedError extends Error {
  /** The order the key already names. */
  readonly existing: JournalOrder;

  /** `existing` holds the key; the new request differs from its request. */
  constructor(existing: JournalOrder) {
    super(
      `idempotency key ${existing.idempotencyKey} already names a different order ${existing.id}`,
    );
    this.name = "IdempotencyKeyReusedError";
    this.existing = existing;
  }
}

/**
 * Writes of another record committed in the same atomic operation as an order's intent (an
 * alert's trigger beside its exit sell): the intent is written only if `checks` hold, and `write`'s
 * changes only with the intent.
 */
export interface JointWrite {
  readonly checks: readonly Deno.AtomicCheck[];
  /** Adds the other record's changes to the intent's operation. */
  readonly write: (op: Deno.AtomicOperation) => void;
  /** Called once the operation is committed, before the broker is called. */
  readonly committed: () => void;
}

/**
 * Placing with a {@link JointWrite} wrote nothing: the idempotency key already names an order, or
 * a check (the joint write's, the key's or the kill switch's) failed. The caller looks again
 * without it.
 */
export class JointWriteConflictError extends Error {
  /** For placing under `idempotencyKey`. */
  constructor(idempotencyKey: string) {
    super(`order ${idempotencyKey}: the intent and its joint write were not committed`);
    this.name = "JointWriteConflictError";
  }
}

/** What a caller already knows that placing can use instead of asking the broker again. */
export interface PlaceOptions {
  /**
   * A balance read moments ago (see {@link OrderJournal.readBalance}); the risk snapshot uses it
   * instead of reading the account when it is fresh, and only on the first attempt: after a lost
   * race the journal reads again.
   */
  readonly balance?: BalanceReading;
  /**
   * A trade seen moments ago on the order's symbol (the trade that fired an alert). A market sell
   * is checked against the last price only (its amount; no price limit or tick applies to it), so
   * it uses this price instead of reading a quote when it is fresh, and only on the first attempt.
   * Any other order reads the quote: its checks need the day's base price.
   */
  readonly lastTrade?: PriceReading;
  /**
   * Writes committed with the intent (see {@link JointWrite}). Placing with them makes one
   * attempt: when the key already names an order or a check fails it throws
   * {@link JointWriteConflictError}, having written nothing but a risk refusal's audit entry.
   */
  readonly joint?: JointWrite;
  /**
   * What {@link OrderJournal.readPlacement} read moments ago for this key, used instead of reading
   * it again on the first attempt (the intent's write checks the key's and the kill switch's
   * versionstamps, so a change since costs a second attempt, or a joint write's conflict).
   */
  readonly placement?: PlacementView;
}

/** How a cancel or revision is asked: its idempotency key and who asked. */
export interface AmendOptions {
  readonly idempotencyKey: string;
  /** Who asked for it (e.g. the API caller's username), named in its audit entry. */
  readonly by?: string;
}

/** What a journal needs: the store, the broker, the account and its limits. */
export interface OrderJournalOptions {
  readonly store: Store;
  readonly broker: Broker;
  /** The account's id in the store (e.g. `12345678-01`). */
  readonly accountId: string;
  readonly limits: RiskLimits;
  /** The route of orders that name none; must match the broker's routing setting (default KRX). */
  readonly defaultRoute?: OrderRoute;
  /** Instrument, market and leverage of a symbol, for ticks and price limits (default a stock). */
  readonly instrumentOf?: (symbol: SymbolCode) => Omit<PriceLimitContext, "date">;
  readonly calendar?: TradingCalendar;
  /** Where log lines go (default core/obs/log). */
  readonly log?: (level: LogLevel, message: string, fields?: LogFields) => void;
  /** Hears refusals, order transitions and balances, for metrics (default: nothing). */
  readonly observer?: TradingObserver;
}

/** Places orders exactly once per idempotency key, and reconciles them with the broker. */
export class OrderJournal {
  readonly #options: OrderJournalOptions;
  readonly #orders: OrderRepository;
  readonly #amendments: AmendmentRepository;
  readonly #log: (level: LogLevel, message: string, fields?: LogFields) => void;
  readonly #observer: TradingObserver;

  /** A journal of `options.accountId` in `options.store`, placing through `options.broker`. */
  constructor(options: OrderJournalOptions) {
    this.#options = options;
    this.#observer = options.observer ?? NO_TRADING_OBSERVER;
    this.#orders = new OrderRepository(
      options.store,
      options.accountId,
      this.#observer.orderChanged,
    );
    this.#amendments = new AmendmentRepository(options.store, options.accountId, this.#orders);
    this.#log = options.log ?? defaultLog;
  }

  /**
   * Places `intent.order` once: returns the existing order when the key was used before (without
   * calling the broker), unless that attempt was resolved `not_sent`; otherwise checks the risk
   * limits, writes the intent, calls the broker and records its answer; all inside an
   * `order.place` span (core/obs/tracing.ts), the parent of the KIS calls' spans.
   *
   * @throws {IdempotencyKeyReusedError} when the key already names a different order.
   * @throws {JointWriteConflictError} with `options.joint`, when it was not committed.
   * @throws {RiskRejected} when a risk check fails (nothing is written but the audit entry).
   * @throws {BrokerError} when the quote or account could not be read for the risk checks.
   */
  placeOrder(intent: OrderIntent, options: PlaceOptions = {}): Promise<JournalOrder> {
    // read before parsing, so an intent that fails its schema still rejects inside the span
    const order: Partial<OrderRequest> = intent?.order ?? {};
    const attributes = {
      "order.side": String(order.side),
      "order.type": String(order.type),
      "order.symbol": String(order.symbol),
    };
    return inSpan("order.place", attributes, () => this.#placeOrder(intent, options));
  }

  async #placeOrder(intent: OrderIntent, options: PlaceOptions): Promise<JournalOrder> {
    const { idempotencyKey, order: request, by, signalPrice } = intentSchema.parse(intent);
    const { store } = this.#options;
    const { joint } = options;
    for (let attempt = 0; attempt < (joint === undefined ? 10 : 1); attempt++) {
      // the key, the kill switch and the day's counters in one read, before any broker call
      const day = seoulDate(store.now());
      const given = attempt === 0 ? options.placement : undefined;
      const view = given?.key === idempotencyKey && given.day === day
        ? given
        : await this.readPlacement(idempotencyKey);
      const { keyEntry, stored } = view;
      if (stored !== null && !sameRequest(stored.order.request, request)) {
        throw new IdempotencyKeyReusedError(stored.order);
      }
      if (stored !== null && joint !== undefined) throw new JointWriteConflictError(idempotencyKey);
      if (stored !== null && stored.order.status !== "not_sent") return stored.order;
      const killSwitchOn = parseKillSwitch(view.guardEntry.value).on;
      this.#observer.killSwitch(killSwitchOn);
      const first = attempt === 0 ? options : {};
      const snapshot = await this.#snapshot(request, killSwitchOn, first, view);
      const rejections = checkOrder(request, snapshot, this.#options.limits);
      if (rejections.length > 0) {
        await store.audit.append({
          kind: "risk",
          action: "rejected",
          subject: idempotencyKey,
          data: { request, rejections },
        });
        this.#log("warn", "journal: order refused by risk checks", {
          idempotencyKey,
          codes: rejections.map((r) => r.code),
        });
        const origin = orderOrigin(idempotencyKey);
        for (const { code } of rejections) {
          this.#observer.riskRejected(request.side, code, origin);
        }
        throw new RiskRejected(rejections);
      }
      const now = store.now();
      const decidedAt = signalPrice ?? snapshot.lastPrice;
      const order: JournalOrder & { status: "intent" } = {
        id: store.nextId(),
        accountId: this.#options.accountId,
        idempotencyKey,
        request,
        createdAt: now,
        updatedAt: now,
        replaces: stored?.order.id ?? null,
        ...(decidedAt > 0 ? { signalPrice: decidedAt } : {}),
        status: "intent",
      };
      const amount = orderAmount(request, snapshot);
      const checks = [keyEntry, view.guardEntry, ...(joint?.checks ?? [])];
      const written = await this.#orders.createIntent(
        order,
        seoulDate(now),
        amount,
        checks,
        by,
        joint?.write,
      );
      if (written) {
        joint?.committed();
        return await this.#send(order);
      }
      // a lost race: another writer took the key first, or the kill switch changed; look again
    }
    throw joint === undefined
      ? new StoreConflictError(`order ${idempotencyKey}`)
      : new JointWriteConflictError(idempotencyKey);
  }

  /**
   * What placing under `idempotencyKey` reads first (the key, the kill switch, the day's counters),
   * for {@link PlaceOptions.placement}: a caller can read it while it reads the balance.
   */
  readPlacement(idempotencyKey: string): Promise<PlacementView> {
    const day = seoulDate(this.#options.store.now());
    return this.#orders.placementView(idempotencyKey, day, KILL_SWITCH_KEY);
  }

  /** The account's balance now, stamped with the store's clock for {@link PlaceOptions}. */
  async readBalance(): Promise<BalanceReading> {
    const balance = await this.#options.broker.getBalance();
    return { balance, readAt: this.#options.store.now() };
  }

  /** The order `id`, or null. */
  async get(id: string): Promise<JournalOrder | null> {
    return (await this.#orders.get(id))?.order ?? null;
  }

  /** The order an idempotency key points to (its latest attempt), or null. */
  async byIdempotencyKey(key: string): Promise<JournalOrder | null> {
    return (await this.#orders.byIdempotencyKey(key)).stored?.order ?? null;
  }

  /** A page of the orders in `status`. */
  list(status: OrderStatus, request?: PageRequest): Promise<Page<JournalOrder>> {
    return this.#orders.listByStatus(status, request);
  }

  /** Every order that is not final yet (intent, unknown, submitted, partially filled). */
  openOrders(): Promise<JournalOrder[]> {
    return this.#orders.allInStatuses(OPEN_STATUSES);
  }

  /**
   * Settles lost cancel and revision answers, then matches the open orders against the broker's
   * daily orders (see core/trading/reconcile.ts and core/trading/amend.ts).
   */
  async reconcile(
    options?: ReconcileOptions,
  ): Promise<ReconcileReport & { readonly amendments: AmendmentReconcileReport }> {
    const amendments = await reconcileAmendments(this.#amendContext(), options);
    const orders = await reconcileOrders({
      repository: this.#orders,
      broker: this.#options.broker,
      now: this.#options.store.now,
      defaultRoute: this.#options.defaultRoute ?? "KRX",
      log: this.#log,
    }, options);
    return { ...orders, amendments };
  }

  /**
   * Cancels what is open of order `orderId` (or `quantity` of it) once per idempotency key, then
   * reconciles so the order's resulting state is recorded. Errors: see {@link amendOrder}.
   */
  cancelOrder(
    orderId: string,
    options: AmendOptions & { readonly quantity?: number },
  ): Promise<OrderAmendment> {
    const request = options.quantity === undefined
      ? { kind: "cancel" as const }
      : { kind: "cancel" as const, quantity: options.quantity };
    return this.#amend(orderId, options, request);
  }

  /**
   * Revises order `orderId`'s open part once per idempotency key; KIS moves it to a new order,
   * which the journal follows as an order of its own (`revises` names the original). Errors: see
   * {@link amendOrder}.
   */
  reviseOrder(
    orderId: string,
    options: AmendOptions & { readonly revision: OrderRevision },
  ): Promise<OrderAmendment> {
    return this.#amend(orderId, options, {
      kind: "revise",
      revision: options.revision,
    });
  }

  /** The cancel or revision an idempotency key points to (its latest attempt), or null. */
  async amendmentByKey(key: string): Promise<OrderAmendment | null> {
    return (await this.#amendments.byKey(key)).stored?.amendment ?? null;
  }

  async #amend(
    orderId: string,
    options: AmendOptions,
    request: AmendmentRequest,
  ): Promise<OrderAmendment> {
    const amendment = await amendOrder(
      this.#amendContext(),
      orderId,
      options.idempotencyKey,
      request,
      options.by,
    );
    if (amendment.status === "accepted") {
      try {
        await this.reconcile();
      } catch (error) {
        // the amendment is recorded; the order's state follows at the next reconciliation
        this.#log("warn", "journal: reconciling after a cancel or revision failed", {
          order: orderId,
          error: error instanceof Error ? error.message : String(error),
        });
      }
    }
    return amendment;
  }

  #amendContext(): AmendContext {
    return {
      store: this.#options.store,
      broker: this.#options.broker,
      accountId: this.#options.accountId,
      orders: this.#orders,
      amendments: this.#amendments,
      log: this.#log,
    };
  }

  /**
   * Reconciles, so every fill the broker's daily orders show is recorded, then replaces the
   * account's positions snapshot with the broker's balance.
   */
  async syncPositions(options?: ReconcileOptions): Promise<PositionsSync> {
    await this.reconcile(options);
    const { store, broker, accountId } = this.#options;
    return await syncPositions(store, broker, accountId, this.#observer.balanceRead);
  }

  /** Calls the broker for a written intent and records what came back. */
  async #send(order: JournalOrder): Promise<JournalOrder> {
    const { broker, store } = this.#options;
    let change: OrderStateChange;
    try {
      const ack = await broker.placeOrder(order.request);
      change = {
        status: "submitted",
        ref: {
          orderNo: ack.orderNo,
          branchNo: ack.branchNo,
          route: ack.route,
          date: seoulDate(store.now()),
        },
      };
    } catch (error) {
      change = failureChange(error);
      this.#log("warn", "journal: broker call failed", { order: order.id, status: change.status });
    }
    try {
      const after = await this.#orders.update(
        order.id,
        (current) => canTransition(current, change) ? change : null,
        "broker answered",
      );
      if (after.status === "not_sent" && change.status === "submitted") {
        // reconciliation gave up before the call returned: the horizon is shorter than the call
        await store.audit.append({
          kind: "order",
          action: "late_ack",
          subject: order.id,
          data: { ref: change.ref },
        });
        this.#log("error", "journal: broker acknowledged an order already resolved not sent", {
          order: order.id,
        });
      }
      return after;
    } catch (error) {
      if (!(error instanceof RefClaimedError)) throw error;
      this.#log("error", "journal: the acknowledged KIS order was matched to another intent", {
        order: order.id,
        claimedBy: error.claimedBy,
      });
      return (await this.#orders.get(order.id))!.order;
    }
  }

  /**
   * The risk snapshot for `request`: quote (`known.lastTrade` for a market sell, when fresh),
   * account (`known.balance` when fresh) and the journal's totals as `view` read them.
   */
  async #snapshot(
    request: OrderRequest,
    killSwitchOn: boolean,
    known: PlaceOptions,
    view: { readonly amountOnDay: number; readonly openCount: number },
  ): Promise<RiskSnapshot> {
    const { broker, store } = this.#options;
    const at = store.now();
    const { balance: reading, lastTrade } = known;
    const marketSell = request.type === "market" && request.side === "sell";
    const [quote, balance] = await Promise.all([
      marketSell && lastTrade !== undefined && isFreshPrice(lastTrade, at)
        ? { price: lastTrade.price, basePrice: null }
        : broker.getQuote(request.symbol),
      reading !== undefined && isFresh(reading, at) ? reading.balance : broker.getBalance(),
    ]);
    this.#observer.balanceRead(balance);
    const buyable = request.side === "buy"
      ? await broker.getBuyable(
        request.symbol,
        request.type === "limit" ? request.price : undefined,
      )
      : null;
    const holding = balance.holdings.find((h) => h.symbol === request.symbol);
    return {
      at,
      killSwitchOn,
      instrument: this.#options.instrumentOf?.(request.symbol) ?? {},
      basePrice: quote.basePrice,
      lastPrice: quote.price,
      buyableCash: buyable?.cash ?? 0,
      orderedTodayKrw: view.amountOnDay,
      openOrders: view.openCount,
      positionValueKrw: holding?.evaluationAmount ?? 0,
      equityKrw: balance.summary.totalValue,
      defaultRoute: this.#options.defaultRoute ?? "KRX",
      calendar: this.#options.calendar ?? DEFAULT_CALENDAR,
      orderPhases: broker.orderPhases,
    };
  }
}
