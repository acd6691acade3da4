import { type IsoDate, wholeWon } from "../../krx/mod.ts";
import type { Bars } from "../../strategies/mod.ts";
import type { CostModel } from "../cost_model.ts";
import { barAt, fillPrice, surelyInsideBand } from "../fill_price.ts";
import type { BacktestOptions } from "../options.ts";
import { buyBudget } from "../sizing.ts";

/** Slots of the kernel's result vector, in storage order. */
export const KERNEL_FIELDS = [
  "finalEquity",
  "returnSum",
  "returnSquares",
  "downSquares",
  "equitySum",
  "maxDrawdown",
  "longestUnderwater",
  "exposedBars",
  "feesPaid",
  "taxPaid",
  "tradedValue",
  "blockedOrders",
  "closed",
  "wins",
  "losses",
  "won",
  "lost",
  "trades",
] as const;

/** Index of each {@link KERNEL_FIELDS} slot in the result vector. */
export const KERNEL_SLOT = slotsOf(KERNEL_FIELDS);

/** Slots of one round trip in the trade log, in storage order. */
export const LOG_FIELDS = [
  "entryBar",
  "entryValue",
  "qty",
  "entryCost",
  "exitBar",
  "exitPrice",
  "pnl",
  "exitFee",
  "exitTax",
] as const;

/** Index of each {@link LOG_FIELDS} slot within a round trip's entry. */
export const LOG_SLOT = slotsOf(LOG_FIELDS);

/** Slots per round trip in the trade log. */
export const LOG_WIDTH = LOG_FIELDS.length;

/** What one {@link crossKernel} call reads. */
export interface KernelInput {
  readonly bars: Bars;
  /** `prefix[t]` is the sum of the first t closes; every entry an exact integer. */
  readonly prefix: Float64Array;
  /** The SMA periods. */
  readonly fast: number;
  readonly slow: number;
  /**
   * Sums of the last `fast` and `slow` closes at each bar (NaN in the warm-up), each times the
   * other period below 2^52: comparing `fastSum × slow` with `slowSum × fast` then orders the two
   * SMAs exactly as their rounded quotients compare (docs/backtest.md says why).
   */
  readonly fastSum: Float64Array;
  readonly slowSum: Float64Array;
  /** Sell-tax units per bar from {@link CostModel.taxUnitsByBar}. */
  readonly taxUnits: Float64Array;
  readonly options: BacktestOptions;
  readonly costs: CostModel;
  /** Where to write the equity at each close, or `null` when only the sums are wanted. */
  readonly equity: Float64Array | null;
}

/**
 * The ma-cross rule and the engine's next-open fills fused into one pass over the bars, with the
 * metrics' path sums accumulated on the way and no objects made: the same decisions, fills, costs
 * and sums as `crossTargets` followed by the engine's bar loop and `pathStats`, bit for bit, as
 * long as the bars are whole won and the equity sum stays exact (`CrossRunner` checks both).
 * Writes {@link KERNEL_FIELDS} into `out` and each round trip (the open one last) into `log`,
 * which must hold `LOG_WIDTH × (n + 1)` slots, unless it is `null` (sweeps need only the tallies).
 *
 * The SMAs are compared through `fastSum × slow − slowSum × fast`: a difference of two integers
 * below 2^52, so exact, and its sign orders the SMAs; a cross needs only the previous difference.
 *
 * Bars where the account is flat and stays flat have a daily return of exactly 0, which leaves
 * every sum unchanged, so they cost only the cross test: with next-open fills the first return is
 * 0 too, so `pathStats`' shift is 0 and its sums are plain sums.
 */
export function crossKernel(
  input: KernelInput,
  out: Float64Array,
  log: Float64Array | null,
): void {
  const { bars, prefix, fast, slow, fastSum, slowSum, taxUnits, options, costs, equity } = input;
  const { open, close, volume } = bars;
  const n = close.length;
  const feeUnits = costs.feeUnits;
  const feeFactor = 1 + options.feeRate;
  const allIn = options.sizing.kind === "all-in";
  const slipped = options.slippage !== undefined;
  let cash = options.cash;
  let qty = 0;
  let target = 0;
  let previousEquity = cash;
  let returnSum = 0;
  let returnSquares = 0;
  // Four times the downside squares: (r − |r|)² is exactly 4·min(r, 0)², and scaling by a power
  // of two commutes with rounding in the normal range (a nonzero return here is at least 2^−53),
  // so a quarter of this sum is the plain sum to the bit.
  let downSquares4 = 0;
  let equitySum = 0;
  let peak = cash;
  let maxDrawdown = 0;
  let keep = 1;
  // Only a close below this can deepen the drawdown (the margin is far above rounding).
  let deepening = peak * (keep + 1e-9);
  // The close that last reached the peak (−1: the starting cash); the run below it is implicit.
  let peakBar = -1;
  let longest = 0;
  let exposed = 0;
  let feesPaid = 0;
  let taxPaid = 0;
  let tradedValue = 0;
  let blocked = 0;
  let closed = 0;
  let wins = 0;
  let losses = 0;
  let won = 0;
  let lost = 0;
  let trades = 0;
  let entryCost = 0;
  let t = 0;
  while (t < n) {
    const held = +(qty > 0);
    if (t > 0 && target !== held) {
      // The order for the previous close's target, at this bar's open.
      const side = held === 0 ? "buy" : "sell";
      const quote = open[t] as number;
      const base = close[t - 1] as number;
      // fillPrice's own answer where it takes its shortcut, without the call: most fills.
      const price = !slipped && (volume[t] as number) > 0 && surelyInsideBand(quote, side, base)
        ? quote
        : fillPrice(barAt(bars, t, options), side, options);
      if (price !== price) {
        blocked++;
      } else if (held === 0) {
        const spend = allIn ? cash : Math.min(buyBudget(options, cash, previousEquity), cash);
        let buy = spend > 0 ? Math.floor(spend / (price * feeFactor)) : 0;
        let fee = 0;
        for (; buy > 0; buy--) {
          const product = price * buy * feeUnits;
          fee = product <= Number.MAX_SAFE_INTEGER
            ? wholeWon(product)
            : costs.fee(price * buy, bars.dates[t] as IsoDate);
          if (price * buy + fee <= spend) break;
        }
        if (buy > 0) {
          const value = price * buy;
          cash -= value + fee;
          feesPaid += fee;
          tradedValue += value;
          qty = buy;
          entryCost = value + fee;
          if (log !== null) {
            const at = trades * LOG_WIDTH;
            log[at + LOG_SLOT.entryBar] = t;
            log[at + LOG_SLOT.entryValue] = value;
            log[at + LOG_SLOT.qty] = buy;
            log[at + LOG_SLOT.entryCost] = entryCost;
          }
        }
      } else {
        const value = price * qty;
        const feeProduct = value * feeUnits;
        const fee = feeProduct <= Number.MAX_SAFE_INTEGER
          ? wholeWon(feeProduct)
          : costs.fee(value, bars.dates[t] as IsoDate);
        const taxProduct = value * (taxUnits[t] as number);
        const tax = taxProduct <= Number.MAX_SAFE_INTEGER
          ? wholeWon(taxProduct)
          : costs.tax(value, bars.dates[t] as IsoDate);
        const pnl = value - fee - tax - entryCost;
        cash += value - fee - tax;
        feesPaid += fee;
        taxPaid += tax;
        tradedValue += value;
        closed++;
        // Branch-free tallies: whether a trade wins is a coin toss to the branch predictor.
        // Adding pnl × 0 (±0) leaves a sum unchanged, so these are the same sums as with ifs.
        const win = +(pnl > 0);
        const loss = +(pnl < 0);
        wins += win;
        losses += loss;
        won += pnl * win;
        lost += pnl * loss;
        if (log !== null) {
          const at = trades * LOG_WIDTH;
          log[at + LOG_SLOT.exitBar] = t;
          log[at + LOG_SLOT.exitPrice] = price;
          log[at + LOG_SLOT.pnl] = pnl;
          log[at + LOG_SLOT.exitFee] = fee;
          log[at + LOG_SLOT.exitTax] = tax;
        }
        trades++;
        qty = 0;
      }
    }
    // Bar t's close, in full: its return, drawdown and the cross decision.
    const e = cash + qty * (close[t] as number);
    const r = e / previousEquity - 1;
    returnSum += r;
    returnSquares += r * r;
    const twiceLoss = r - Math.abs(r);
    downSquares4 += twiceLoss * twiceLoss;
    equitySum += e;
    previousEquity = e;
    if (equity !== null) equity[t] = e;
    // Branch-free as well: whether a close after a fill is a new peak is as hard to predict.
    const atPeak = +(e >= peak);
    longest = Math.max(longest, (t - 1 - peakBar) * atPeak);
    peakBar += (t - peakBar) * atPeak;
    peak = Math.max(peak, e);
    if (e < deepening) {
      maxDrawdown = Math.max(maxDrawdown, 1 - e / peak);
      keep = 1 - maxDrawdown;
    }
    deepening = peak * (keep + 1e-9);
    exposed += +(qty > 0);
    if (t > 0) {
      const pd = (fastSum[t - 1] as number) * slow - (slowSum[t - 1] as number) * fast;
      const d = (fastSum[t] as number) * slow - (slowSum[t] as number) * fast;
      target = target === 0 ? +(d > 0 && pd <= 0) : +!(d < 0 && pd >= 0);
    }
    t++;
    if (t >= n || target !== +(qty > 0)) continue;
    if (qty === 0) {
      // Flat and staying flat: find the next cross up; the bars before it change no sum. Once a
      // difference ≤ 0 has been seen (always, after a cross down), the next one > 0 is a cross
      // up, so the scan tests one comparison a bar; before that (only at the start, where the
      // warm-up's NaN or a first difference > 0 cannot cross), it skips to the first ≤ 0.
      let u = t;
      if (!((fastSum[t - 1] as number) * slow <= (slowSum[t - 1] as number) * fast)) {
        while (u < n && !((fastSum[u] as number) * slow <= (slowSum[u] as number) * fast)) u++;
        u++;
      }
      for (; u < n; u++) {
        if ((fastSum[u] as number) * slow > (slowSum[u] as number) * fast) break;
      }
      // Bars t … min(u, n − 1) close flat at `cash`, as bar t − 1 did (its close was marked in
      // full above with the same cash and peak, so their drawdown is already counted and, at the
      // peak, bar t − 1 is the peak bar); u is the one whose target turns long.
      const last = u < n ? u : n - 1;
      equitySum += (last - t + 1) * cash;
      if (equity !== null) equity.fill(cash, t, last + 1);
      if (cash >= peak) peakBar = last;
      if (u < n) target = 1;
      t = last + 1;
    } else {
      // Long and staying long: mark every close until the cross down. While the target is long
      // every difference since the cross up is ≥ 0 (the first one below would have been the
      // cross down), so the first difference < 0 is the cross.
      let u = t;
      for (; u < n; u++) {
        const mark = cash + qty * (close[u] as number);
        const ret = mark / previousEquity - 1;
        returnSum += ret;
        returnSquares += ret * ret;
        const twiceDown = ret - Math.abs(ret);
        downSquares4 += twiceDown * twiceDown;
        previousEquity = mark;
        if (mark >= peak) {
          longest = u - 1 - peakBar > longest ? u - 1 - peakBar : longest;
          peakBar = u;
          peak = mark;
          deepening = peak * (keep + 1e-9);
        } else if (mark < deepening) {
          const deeper = 1 - mark / peak;
          maxDrawdown = deeper > maxDrawdown ? deeper : maxDrawdown;
          keep = 1 - maxDrawdown;
          deepening = peak * (keep + 1e-9);
        }
        if ((fastSum[u] as number) * slow < (slowSum[u] as number) * fast) break;
      }
      const last = u < n ? u : n - 1;
      // Whole-won integers below 2^53 (the caller checks the total), so order does not matter.
      equitySum += (last - t + 1) * cash +
        qty * ((prefix[last + 1] as number) - (prefix[t] as number));
      exposed += last - t + 1;
      if (equity !== null) {
        for (let v = t; v <= last; v++) equity[v] = cash + qty * (close[v] as number);
      }
      if (u < n) target = 0;
      t = last + 1;
    }
  }
  out[KERNEL_SLOT.finalEquity] = n === 0 ? options.cash : previousEquity;
  out[KERNEL_SLOT.returnSum] = returnSum;
  out[KERNEL_SLOT.returnSquares] = returnSquares;
  out[KERNEL_SLOT.downSquares] = downSquares4 * 0.25;
  out[KERNEL_SLOT.equitySum] = equitySum;
  out[KERNEL_SLOT.maxDrawdown] = maxDrawdown;
  out[KERNEL_SLOT.longestUnderwater] = n - 1 - peakBar > longest ? n - 1 - peakBar : longest;
  out[KERNEL_SLOT.exposedBars] = exposed;
  out[KERNEL_SLOT.feesPaid] = feesPaid;
  out[KERNEL_SLOT.taxPaid] = taxPaid;
  out[KERNEL_SLOT.tradedValue] = tradedValue;
  out[KERNEL_SLOT.blockedOrders] = blocked;
  out[KERNEL_SLOT.closed] = closed;
  out[KERNEL_SLOT.wins] = wins;
  out[KERNEL_SLOT.losses] = losses;
  out[KERNEL_SLOT.won] = won;
  out[KERNEL_SLOT.lost] = lost;
  out[KERNEL_SLOT.trades] = trades + +(qty > 0);
}

/** Each name of `fields` mapped to its index. */
function slotsOf<const F extends readonly string[]>(
  fields: F,
): { readonly [N in F[number]]: number } {
  return Object.fromEntries(fields.map((name, i) => [name, i])) as { [N in F[number]]: number };
}
