import { fillCosts, type IsoDate, type Market, sellTaxRate } from "../krx/mod.ts";

// fillCosts reads rates as decimals with up to 10 places; integer arithmetic on that scale
// gives its truncation exactly (tests compare the two on many fills).
const RATE_SCALE = 10_000_000_000;

/**
 * Fee and sell tax per fill, equal to `fillCosts` from core/krx but cheap enough for the engine's
 * hot path: rates are validated once, the dated tax rate is looked up once per date, and a fill
 * whose exact product would leave the safe-integer range is handed to `fillCosts` itself.
 */
export class CostModel {
  readonly #market: Market;
  readonly #feeRate: number;
  readonly #taxRate: number | undefined;
  readonly #feeUnits: number;
  readonly #taxUnits: number | undefined;
  readonly #taxUnitsByDate = new Map<IsoDate, number>();

  /** A model for one market; `taxRate` replaces the dated rate when given. */
  constructor(market: Market, feeRate: number, taxRate?: number) {
    const probe = "2025-01-02" as IsoDate;
    // Throws fillCosts' own error for a rate it would reject.
    fillCosts({ side: "sell", price: 1, qty: 1, date: probe, market }, {
      feeRate,
      taxRate: taxRate ?? 0,
    });
    this.#market = market;
    this.#feeRate = feeRate;
    this.#taxRate = taxRate;
    this.#feeUnits = Math.round(feeRate * RATE_SCALE);
    this.#taxUnits = taxRate === undefined ? undefined : Math.round(taxRate * RATE_SCALE);
  }

  /** Commission on a fill of `value` KRW, truncated to the won. */
  fee(value: number, date: IsoDate): number {
    const product = value * this.#feeUnits;
    if (product <= Number.MAX_SAFE_INTEGER) return (product - (product % RATE_SCALE)) / RATE_SCALE;
    return this.#exact(value, date).fee;
  }

  /** Sell tax on a sale of `value` KRW on `date`, truncated to the won. */
  tax(value: number, date: IsoDate): number {
    const product = value * this.#taxUnitsOn(date);
    if (product <= Number.MAX_SAFE_INTEGER) return (product - (product % RATE_SCALE)) / RATE_SCALE;
    return this.#exact(value, date).tax;
  }

  #taxUnitsOn(date: IsoDate): number {
    if (this.#taxUnits !== undefined) return this.#taxUnits;
    let units = this.#taxUnitsByDate.get(date);
    if (units === undefined) {
      units = Math.round(sellTaxRate(date, this.#market) * RATE_SCALE);
      this.#taxUnitsByDate.set(date, units);
    }
    return units;
  }

  #exact(value: number, date: IsoDate): { fee: number; tax: number } {
    const rates = this.#taxRate === undefined
      ? { feeRate: this.#feeRate }
      : { feeRate: this.#feeRate, taxRate: this.#taxRate };
    return fillCosts({ side: "sell", price: value, qty: 1, date, market: this.#market }, rates);
  }
}
