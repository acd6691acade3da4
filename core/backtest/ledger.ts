import { fillCosts, type IsoDate } from "../krx/mod.ts";
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

/**
 * Cash, costs and the fill/trade journal of one account. Every amount stays an integer: fills are
 * whole shares at integer prices and `fillCosts` truncates fees and tax to the won.
 */
export class Ledger {
  cash: number;
  feesPaid = 0;
  taxPaid = 0;
  tradedValue = 0;
  blockedOrders = 0;
  readonly fills: FillRecord[] = [];
  readonly trades: Trade[] = [];

  /** A ledger holding `cash` KRW under these settings. */
  constructor(readonly options: BacktestOptions, cash = options.cash) {
    this.cash = cash;
  }

  /** Most shares at `price` that `budget` (capped by cash) pays for, buy fee included. */
  affordable(price: number, budget: number, date: IsoDate): number {
    const spend = Math.min(budget, this.cash);
    if (spend <= 0) return 0;
    let qty = Math.floor(spend / (price * (1 + this.options.feeRate)));
    while (qty > 0 && price * qty + this.#fee(price, qty, date) > spend) qty--;
    return qty;
  }

  /** Buys `qty` shares; the caller has checked they are affordable. */
  buy(position: Position, qty: number, price: number, date: IsoDate, decisionDate: IsoDate): void {
    const { fee } = fillCosts(
      { side: "buy", price, qty, date, market: this.options.market },
      { feeRate: this.options.feeRate },
    );
    const value = price * qty;
    this.cash -= value + fee;
    this.feesPaid += fee;
    this.tradedValue += value;
    if (position.qty === 0) position.entryDate = date;
    position.qty += qty;
    position.value += value;
    position.cost += value + fee;
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

  /** Sells `qty` of the shares held and journals the round trip for them. */
  sell(position: Position, qty: number, price: number, date: IsoDate, decisionDate: IsoDate): void {
    const { fee, tax } = fillCosts(
      { side: "sell", price, qty, date, market: this.options.market },
      this.options.taxRate === undefined
        ? { feeRate: this.options.feeRate }
        : { feeRate: this.options.feeRate, taxRate: this.options.taxRate },
    );
    const value = price * qty;
    const proceeds = value - fee - tax;
    const cost = share(position.cost, qty, position.qty);
    const entryPrice = averagePrice(position);
    this.cash += proceeds;
    this.feesPaid += fee;
    this.taxPaid += tax;
    this.tradedValue += value;
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
    position.value -= share(position.value, qty, position.qty);
    position.cost -= cost;
    position.qty -= qty;
    if (position.qty === 0) position.entryDate = null;
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

  #fee(price: number, qty: number, date: IsoDate): number {
    const fill = { side: "buy", price, qty, date, market: this.options.market } as const;
    return fillCosts(fill, { feeRate: this.options.feeRate }).fee;
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
