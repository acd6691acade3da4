import type { IsoDate } from "../krx/mod.ts";

/** A position in one symbol; `cost` is the purchase amount (won, fees excluded) of the shares held. */
export interface SimHolding {
  readonly code: string;
  qty: number;
  cost: number;
  todayBuyQty: number;
  todaySellQty: number;
  previousBuyQty: number;
  previousSellQty: number;
}

/** A cash movement due on a settlement date (positive: proceeds, negative: payment). */
export interface Settlement {
  readonly date: IsoDate;
  readonly amount: number;
}

/**
 * A cash account with holdings. Trades change holdings at once and cash on the settlement date
 * (D+2); until then the amount waits in `settlements`. All amounts are integer won.
 */
export class SimAccount {
  /** `CANO-ACNT_PRDT_CD`. */
  readonly id: string;
  /** The 8-digit account number. */
  readonly cano: string;
  /** The 2-digit product code. */
  readonly productCode: string;
  /** HTS ID whose fill-notice subscription receives this account's notices. */
  readonly htsId: string;
  /** Account holder name shown in notices. */
  readonly name: string;
  /** Settled cash (`dnca_tot_amt`). */
  deposit: number;
  /** Unsettled cash movements. */
  settlements: Settlement[] = [];
  /** Holdings by symbol code; a fully sold symbol stays with qty 0 until the next day. */
  readonly holdings = new Map<string, SimHolding>();

  /** Opens an account `id` (`12345678-01`) with `cash` won settled. */
  constructor(id: string, htsId: string, name: string, cash: number) {
    const match = /^(\d{8})-(\d{2})$/.exec(id);
    if (!match?.[1] || !match[2]) {
      throw new RangeError(`account must look like 12345678-01, got ${id}`);
    }
    if (!Number.isSafeInteger(cash) || cash < 0) {
      throw new RangeError(`cash must be integer won ≥ 0, got ${cash}`);
    }
    this.id = id;
    this.cano = match[1];
    this.productCode = match[2];
    this.htsId = htsId;
    this.name = name;
    this.deposit = cash;
  }

  /** Sum of unsettled movements due on or before `date` (all of them when omitted). */
  pendingNet(date?: IsoDate): number {
    return this.settlements.filter((s) => date === undefined || s.date <= date)
      .reduce((sum, s) => sum + s.amount, 0);
  }

  /** Records a buy: shares now, payment of value + fee on `settleDate`. */
  applyBuy(code: string, price: number, qty: number, fee: number, settleDate: IsoDate): void {
    const holding = this.#holding(code);
    holding.qty += qty;
    holding.cost += price * qty;
    holding.todayBuyQty += qty;
    this.settlements.push({ date: settleDate, amount: -(price * qty + fee) });
  }

  /** Records a sell: shares leave now, value − fee − tax arrives on `settleDate`. */
  applySell(
    code: string,
    price: number,
    qty: number,
    costs: { fee: number; tax: number },
    settleDate: IsoDate,
  ): void {
    const holding = this.#holding(code);
    if (qty > holding.qty) {
      throw new RangeError(`cannot sell ${qty} ${code}: only ${holding.qty} held`);
    }
    holding.cost -= Math.round(holding.cost * qty / holding.qty);
    holding.qty -= qty;
    holding.todaySellQty += qty;
    this.settlements.push({ date: settleDate, amount: price * qty - costs.fee - costs.tax });
  }

  /** Starts trading day `date`: settles what is due, clears today's counters and empty holdings. */
  beginDay(date: IsoDate): void {
    this.deposit += this.pendingNet(date);
    this.settlements = this.settlements.filter((s) => s.date > date);
    for (const [code, holding] of this.holdings) {
      if (holding.qty === 0) {
        this.holdings.delete(code);
        continue;
      }
      holding.previousBuyQty = holding.todayBuyQty;
      holding.previousSellQty = holding.todaySellQty;
      holding.todayBuyQty = 0;
      holding.todaySellQty = 0;
    }
  }

  #holding(code: string): SimHolding {
    let holding = this.holdings.get(code);
    if (!holding) {
      holding = {
        code,
        qty: 0,
        cost: 0,
        todayBuyQty: 0,
        todaySellQty: 0,
        previousBuyQty: 0,
        previousSellQty: 0,
      };
      this.holdings.set(code, holding);
    }
    return holding;
  }
}
