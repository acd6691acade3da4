import {
  fillCosts,
  type InstrumentKind,
  type IsoDate,
  type Market,
  RATE_SCALE,
  SELL_TAX_BY_TRADE_DATE,
  sellTaxRate,
  wholeWon,
} from "../krx/mod.ts";

/**
 * Fee and sell tax per fill, equal to `fillCosts` from core/krx but cheap enough for the engine's
 * hot path: rates are validated once, the tax rate of a sale (the one in force on its settlement
 * day) is looked up once per trade date, and a fill whose exact product would leave the
 * safe-integer range is handed to `fillCosts` itself.
 */
export class CostModel {
  readonly #market: Market;
  readonly #instrument: InstrumentKind;
  readonly #feeRate: number;
  readonly #taxRate: number | undefined;
  readonly #feeUnits: number;
  readonly #taxUnits: number | undefined;
  readonly #taxUnitsByDate = new Map<IsoDate, number>();
  #barDates: readonly IsoDate[] | null = null;
  #barUnits = new Float64Array(0);

  /**
   * A model for one market and kind of instrument (default `stock`); `taxRate` replaces the
   * dated rate when given. ETFs and ETNs pay no sell tax.
   */
  constructor(
    market: Market,
    feeRate: number,
    taxRate?: number,
    instrument: InstrumentKind = "stock",
  ) {
    const probe = "2025-01-02" as IsoDate;
    // Throws fillCosts' own error for a rate it would reject.
    fillCosts({ side: "sell", price: 1, qty: 1, date: probe, market }, {
      feeRate,
      taxRate: taxRate ?? 0,
    });
    this.#market = market;
    this.#instrument = instrument;
    this.#feeRate = feeRate;
    this.#taxRate = taxRate;
    this.#feeUnits = Math.round(feeRate * RATE_SCALE);
    const fixedRate = instrument === "stock" ? taxRate : 0;
    this.#taxUnits = fixedRate === undefined ? undefined : Math.round(fixedRate * RATE_SCALE);
  }

  /** Commission on a fill of `value` KRW, truncated to the won. */
  fee(value: number, date: IsoDate): number {
    const product = value * this.#feeUnits;
    if (product <= Number.MAX_SAFE_INTEGER) return wholeWon(product);
    return this.#exact(value, date).fee;
  }

  /** Sell tax on a sale of `value` KRW on `date`, truncated to the won. */
  tax(value: number, date: IsoDate): number {
    const product = value * this.#taxUnitsOn(date);
    if (product <= Number.MAX_SAFE_INTEGER) return wholeWon(product);
    return this.#exact(value, date).tax;
  }

  /** The fee rate in units of {@link RATE_SCALE}. */
  get feeUnits(): number {
    return this.#feeUnits;
  }

  /**
   * The tax rate of a sale traded on each of `dates` in units of {@link RATE_SCALE}, NaN where
   * the schedule has none (a sale there must go through {@link tax}, which throws). Ascending
   * dates take one pass; the result is kept for the last dates array asked about and must not
   * be written to.
   */
  taxUnitsByBar(dates: readonly IsoDate[]): Float64Array {
    if (this.#barDates === dates) return this.#barUnits;
    const units = new Float64Array(dates.length);
    if (this.#taxUnits !== undefined) {
      units.fill(this.#taxUnits);
    } else {
      let row = -1;
      let previous = "";
      for (let i = 0; i < dates.length; i++) {
        const date = dates[i] as IsoDate;
        if (date < previous) row = -1;
        while (
          row + 1 < SELL_TAX_BY_TRADE_DATE.length && date >= SELL_TAX_BY_TRADE_DATE[row + 1]!.from
        ) {
          row++;
        }
        const rate = SELL_TAX_BY_TRADE_DATE[row]?.rates[this.#market];
        units[i] = rate === undefined ? NaN : Math.round(rate * RATE_SCALE);
        previous = date;
      }
    }
    this.#barDates = dates;
    this.#barUnits = units;
    return units;
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
    const fill = {
      side: "sell",
      price: value,
      qty: 1,
      date,
      market: this.#market,
      instrument: this.#instrument,
    } as const;
    return fillCosts(fill, rates);
  }
}
