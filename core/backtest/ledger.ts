import { affordableQty, type IsoDate } from "../krx/mod.ts";
import { CostModel } from "./cost_model.ts";
import { addToTally, type TradeTally } from "./metrics.ts";
import type { BacktestOptions } from "./options.ts";
import type { FillRecord, Trade } from "./types.ts";

/** Holding in one symbol; `cost` is what the shares still held cost, buy fees included. */
export class Position {
  qty = 0;
  /** Price × quantity paid for the shares held, fees excluded. */
  value = 0;
  cost = 0;
  entryDate: IsoDate | null = null;

  /** An empty position in `symbol`. */
  constructor(readonly symbol: string) {}
}

/** The cost model for a set of backtest options: their market, rates and kind of instrument. */
export function costModelFor(options: BacktestOptions): CostModel {
  return new CostModel(options.market, options.feeRate, options.taxRate, options.instrument);
}

/** How a {@link Ledger} shares its cost model and whether it journals fills and trades. */
export interface LedgerSettings {
  /** One model for many ledgers shares its tax lookups; default: a new one for the options. */
  readonly costs?: CostModel;
  /** Whether to keep every fill and round trip (default true); sweeps need only totals. */
  readonly journal?: boolean;
}

/**
 * Cash, costs and the fill/trade journal of one account. Every amount stays an integer: fills are
 * whole shares at integer prices and costs are truncated to the won as `fillCosts` does.
 */
export class Ledger {
  cash: number;
  feesPaid = 0;
  taxPaid = 0;
  tradedValue = 0;
  blockedOrders = 0;
  /** Every fill, unless the ledger was made with `journal: false`. */
  readonly fills: FillRecord[] = [];
  /** Every round trip, unless the ledger was made with `journal: false`. */
  readonly trades: Trade[] = [];
  /** Closed round trips counted and summed, kept with or without the journal. */
  readonly tally: TradeTally = { closed: 0, wins: 0, losses: 0, won: 0, lost: 0 };
  readonly #costs: CostModel;
  readonly #journal: boolean;

  /** A ledger holding `options.cash`; `journal: false` keeps only totals and the tally. */
  constructor(readonly options: BacktestOptions, settings: LedgerSettings = {}) {
    this.cash = options.cash;
    this.#costs = settings.costs ?? costModelFor(options);
    this.#journal = settings.journal ?? true;
  }

  /** Most shares at `price` that `budget` (capped by cash) pays for, buy fee included. */
  affordable(price: number, budget: number, date: IsoDate): number {
    return affordableQty(
      price,
      Math.min(budget, this.cash),
      this.options.feeRate,
      (value) => this.#costs.fee(value, date),
    );
  }

  /** Buys `qty` shares; the caller has checked they are affordable. */
  buy(position: Position, qty: number, price: number, date: IsoDate, decisionDate: IsoDate): void {
    const value = price * qty;
    const fee = this.#costs.fee(value, date);
    this.cash -= value + fee;
    this.feesPaid += fee;
    this.tradedValue += value;
    if (position.qty === 0) position.entryDate = date;
    position.qty += qty;
    position.value += value;
    position.cost += value + fee;
    if (this.#journal) {
      this.fills.push({
        symbol: position.symbol,
        decisionDate,
        date,
        side: "buy",
        price,
        qty,
        fee,
        tax: 0,
      });
    }
  }

  /** Sells `qty` of the shares held and journals the round trip for them. */
  sell(position: Position, qty: number, price: number, date: IsoDate, decisionDate: IsoDate): void {
    const value = price * qty;
    const fee = this.#costs.fee(value, date);
    const tax = this.#costs.tax(value, date);
    const proceeds = value - fee - tax;
    const cost = share(position.cost, qty, position.qty);
    const entryPrice = averagePrice(position);
    this.cash += proceeds;
    this.feesPaid += fee;
    this.taxPaid += tax;
    this.tradedValue += value;
    addToTally(this.tally, proceeds - cost);
    if (this.#journal) {
      this.fills.push({
        symbol: position.symbol,
        decisionDate,
        date,
        side: "sell",
        price,
        qty,
        fee,
        tax,
      });
      this.trades.push({
        symbol: position.symbol,
        entryDate: position.entryDate as IsoDate,
        entryPrice,
        exitDate: date,
        exitPrice: price,
        qty,
        pnl: proceeds - cost,
      });
    }
    position.value -= share(position.value, qty, position.qty);
    position.cost -= cost;
    position.qty -= qty;
    if (position.qty === 0) position.entryDate = null;
  }

  /** The account's totals as the metrics read them. */
  totals(): {
    initialCash: number;
    feesPaid: number;
    taxPaid: number;
    tradedValue: number;
    blockedOrders: number;
  } {
    return {
      initialCash: this.options.cash,
      feesPaid: this.feesPaid,
      taxPaid: this.taxPaid,
      tradedValue: this.tradedValue,
      blockedOrders: this.blockedOrders,
    };
  }

  /** The still-open position as a trade marked at `close`, or nothing when flat. */
  openTrade(position: Position, close: number): Trade | null {
    if (position.qty === 0) return null;
    return {
      symbol: position.symbol,
      entryDate: position.entryDate as IsoDate,
      entryPrice: averagePrice(position),
      exitDate: null,
      exitPrice: null,
      qty: position.qty,
      pnl: close * position.qty - position.cost,
    };
  }
}

/** Average buy price per share held, fees excluded, rounded to the won. */
function averagePrice(position: Position): number {
  return Math.round(position.value / position.qty);
}

/** The part of an integer amount that `part` of `whole` shares carry, rounded to the won. */
function share(amount: number, part: number, whole: number): number {
  return part === whole ? amount : Math.round(amount * part / whole);
}
