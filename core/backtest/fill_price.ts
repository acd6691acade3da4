import { type InstrumentContext, type IsoDate, priceLimits, roundToTick } from "../krx/mod.ts";
import type { Bars } from "../strategies/mod.ts";
import type { BacktestOptions } from "./options.ts";

/** Direction of an order. */
export type Side = "buy" | "sell";

/** The krx context of a fill: the options' instrument and market on the fill's date. */
function contextOf(options: BacktestOptions, date: IsoDate | undefined): InstrumentContext {
  return date === undefined
    ? { instrument: options.instrument, market: options.market }
    : { instrument: options.instrument, market: options.market, date };
}

/**
 * The price a market order gets at `quote` after slippage: buys move up and sells down by whole
 * ticks, or by a fraction rounded away from the trader to the tick grid of `date` (default: the
 * grid in force today). Without slippage the quote is used as given.
 */
export function slippedPrice(
  quote: number,
  side: Side,
  options: BacktestOptions,
  date?: IsoDate,
): number {
  const slippage = options.slippage;
  if (slippage === undefined) return quote;
  const context = contextOf(options, date);
  if (slippage.kind === "ticks") {
    let price = quote;
    for (let i = 0; i < slippage.ticks; i++) {
      // A sell stops at 1 won, the lowest price there is.
      price = side === "buy"
        ? roundToTick(price + 1, "up", context)
        : Math.max(roundToTick(Math.max(price - 1, 0), "down", context), 1);
    }
    return price;
  }
  if (slippage.fraction === 0) return quote;
  // Tolerance keeps 10_000 × 1.001 = 10_010.000000000002 from rounding a whole tick further.
  if (side === "buy") {
    return roundToTick(Math.ceil(quote * (1 + slippage.fraction) - 1e-7), "up", context);
  }
  return Math.max(
    roundToTick(Math.floor(quote * (1 - slippage.fraction) + 1e-7), "down", context),
    1,
  );
}

/** What a bar offers an order: its quote (open or close), the base of its limits and its volume. */
export interface FillBar {
  /** The bar's open (`fill: "open"`) or close (`fill: "close"`). */
  readonly quote: number;
  /** The previous close, base of the daily limits; `undefined` on a series' first bar. */
  readonly basePrice: number | undefined;
  readonly volume: number;
  readonly date: IsoDate;
}

/**
 * Whether a buy at `price` is surely below the upper limit around `basePrice` (a sell above the
 * lower one) without looking the band up: every band KRX has is at least ±15 % (KONEX; stocks
 * ±30 %, leveraged products wider), and from a base of 1,000 won the limit amount and each limit
 * lose at most a tick of about 0.5 % to rounding, so within ±10 % of the base is strictly inside.
 */
export function surelyInsideBand(price: number, side: Side, basePrice: number): boolean {
  return basePrice >= 1_000 &&
    (side === "buy" ? price * 100 < basePrice * 110 : price * 100 > basePrice * 90);
}

/** Bar `t` of `bars` as an order sees it under the options' fill mode. */
export function barAt(bars: Bars, t: number, options: BacktestOptions): FillBar {
  return {
    quote: (options.fill === "open" ? bars.open[t] : bars.close[t]) as number,
    basePrice: t > 0 ? bars.close[t - 1] as number : undefined,
    volume: bars.volume[t] as number,
    date: bars.dates[t] as IsoDate,
  };
}

/**
 * The price a market order fills at on a bar, or `NaN` when it does not fill and waits for the
 * next bar (the engine counts each such bar in `blockedOrders`):
 * - nothing fills on a bar with no volume;
 * - a quote outside the daily limit band (a buy above the upper limit, a sell below the lower
 *   one) does not fill: KRX trades nothing there, so such data cannot be traded on;
 * - a buy at a limit-up quote and a sell at a limit-down quote wait under `lockedLimit: "wait"`
 *   (the default): the queue at a locked limit is long and a backtest cannot know its place in it;
 * - slippage stops at the limit: a fill never lies outside the band.
 * Limits and ticks are those of the options' instrument and market on the bar's date.
 */
export function fillPrice(bar: FillBar, side: Side, options: BacktestOptions): number {
  if (!(bar.volume > 0)) return NaN;
  const { quote, basePrice } = bar;
  const price = slippedPrice(quote, side, options, bar.date);
  if (basePrice === undefined) return price;
  if (surelyInsideBand(price, side, basePrice)) return price;
  const { upper, lower } = priceLimits(basePrice, contextOf(options, bar.date));
  const waitAtLimit = options.lockedLimit === "wait";
  if (side === "buy") {
    if (quote > upper || (quote === upper && waitAtLimit)) return NaN;
    return Math.min(price, upper);
  }
  if (quote < lower || (quote === lower && waitAtLimit)) return NaN;
  return Math.max(price, lower);
}
