/**
 * The trading desk of one account: the order journal with the limits and calendar stored now, and
 * the start-up reconciliation that must succeed before anything in this process places an order.
 * @module
 */
import type { Broker } from "../broker/mod.ts";
import { storedTradingCalendar } from "../broker/kis/mod.ts";
import type { TradingCalendar } from "../krx/mod.ts";
import { log as defaultLog, type LogFields, type LogLevel } from "../obs/log.ts";
import type { Store } from "../store/mod.ts";
import {
  OrderJournal,
  type PositionsSync,
  readRiskLimits,
  type ReconcileReport,
  syncPositions,
  type TradingObserver,
} from "../trading/mod.ts";

/** What a desk needs: the store (whose clock is the market's), the broker and the account. */
export interface TradingDeskOptions {
  readonly store: Store;
  readonly broker: Broker;
  /** The account's id in the store, e.g. `12345678-01`. */
  readonly accountId: string;
  readonly log?: (level: LogLevel, message: string, fields?: LogFields) => void;
  /** Handed to every journal, for metrics (default: nothing). */
  readonly observer?: TradingObserver;
}

/** Builds journals on the current settings and gates order placement on one reconciliation. */
export class TradingDesk {
  readonly #options: TradingDeskOptions;
  readonly #log: NonNullable<TradingDeskOptions["log"]>;
  #reconciled: Promise<void> | null = null;

  /** A desk for `options.accountId`; nothing is read until asked. */
  constructor(options: TradingDeskOptions) {
    this.#options = options;
    this.#log = options.log ?? defaultLog;
  }

  /** The account this desk trades. */
  get accountId(): string {
    return this.#options.accountId;
  }

  /** The trading calendar: the bundled one with the market days KIS told us applied on top. */
  calendar(): Promise<TradingCalendar> {
    return storedTradingCalendar(this.#options.store.kv);
  }

  /** A journal under the risk limits and calendar stored now, so a changed setting applies. */
  async journal(): Promise<OrderJournal> {
    const { store, broker, accountId, observer } = this.#options;
    const [limits, calendar] = await Promise.all([readRiskLimits(store.kv), this.calendar()]);
    return new OrderJournal({
      store,
      broker,
      accountId,
      limits,
      calendar,
      log: this.#log,
      observer,
    });
  }

  /**
   * Resolves once the journal was reconciled with the broker in this process: the first call
   * reconciles, later calls share it; a failed attempt is forgotten so the next call tries again.
   * Everything that places orders awaits this first, so an order left unknown by a crash is
   * resolved before a new decision is taken.
   */
  ready(): Promise<void> {
    this.#reconciled ??= this.#reconcileAtStart().catch((error) => {
      this.#reconciled = null;
      throw error;
    });
    return this.#reconciled;
  }

  /**
   * Replaces the account's positions snapshot with the broker's balance (after a reconcile, so
   * the fills it learnt of are recorded first); the dashboard and the API read the snapshot.
   */
  async syncPositions(): Promise<PositionsSync> {
    const { store, broker, accountId, observer } = this.#options;
    const sync = await syncPositions(
      store,
      broker,
      accountId,
      (balance) => observer?.balanceRead(balance),
    );
    if (sync.closed.length > 0) this.#log("info", "positions closed", { symbols: sync.closed });
    return sync;
  }

  /** Reconciles the journal with the broker and logs what changed. */
  async reconcile(): Promise<ReconcileReport> {
    const report = await (await this.journal()).reconcile();
    const counts = {
      matched: report.matched.length,
      notSent: report.notSent.length,
      updated: report.updated.length,
      pending: report.pending.length,
    };
    if (Object.values(counts).some((count) => count > 0)) {
      this.#log("info", "orders reconciled", { account: this.accountId, ...counts });
    }
    return report;
  }

  async #reconcileAtStart(): Promise<void> {
    await this.reconcile();
    this.#log("info", "start-up reconciliation done", { account: this.accountId });
  }
}
