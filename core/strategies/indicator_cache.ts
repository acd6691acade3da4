import { bollinger, type BollingerBands, rsi, sma } from "../indicators/mod.ts";
import type { Bars } from "./bars.ts";

interface Entry<T> {
  generation: number;
  value: T;
}

/**
 * Memoises indicators over the closes of one {@link Bars} at a time and keeps their buffers for
 * reuse: asking about different bars invalidates the memo but not the memory. Sweeps and market
 * runs hold one cache so each SMA period is computed once per symbol and no buffer is reallocated.
 *
 * SMAs come from one prefix sum of the closes, shared by every period, when the closes are whole
 * won and their total is an exact integer: every window sum is then exact, so each average is
 * bit-identical to `sma` from core/indicators (which is used otherwise).
 */
export class IndicatorCache {
  #bars: Bars | null = null;
  #generation = 0;
  #series = new Map<string, Entry<Float64Array>>();
  #bands = new Map<string, Entry<BollingerBands>>();
  #prefix = new Float64Array(1);
  #prefixGeneration = -1;
  #prefixExact = false;

  /** Simple moving average of the closes. */
  sma(bars: Bars, period: number): Float64Array {
    return this.#column(bars, `sma:${period}`, (out) => {
      if (!Number.isInteger(period) || period < 1 || !this.#exactPrefix(bars)) {
        return sma(bars.close, period, out);
      }
      return prefixAverage(this.#prefix, period, out);
    });
  }

  /** Wilder RSI of the closes. */
  rsi(bars: Bars, period: number): Float64Array {
    return this.#column(bars, `rsi:${period}`, (out) => rsi(bars.close, period, out));
  }

  /** Bollinger bands of the closes. */
  bollinger(bars: Bars, period: number, k: number): BollingerBands {
    this.#select(bars);
    const key = `${period}:${k}`;
    const n = bars.close.length;
    let entry = this.#bands.get(key);
    if (entry !== undefined && entry.generation === this.#generation) return entry.value;
    if (entry === undefined || entry.value.middle.length !== n) {
      entry = {
        generation: -1,
        value: {
          middle: new Float64Array(n),
          upper: new Float64Array(n),
          lower: new Float64Array(n),
        },
      };
      this.#bands.set(key, entry);
    }
    bollinger(bars.close, period, k, entry.value);
    entry.generation = this.#generation;
    return entry.value;
  }

  #exactPrefix(bars: Bars): boolean {
    if (this.#prefixGeneration !== this.#generation) {
      const n = bars.close.length;
      if (this.#prefix.length !== n + 1) this.#prefix = new Float64Array(n + 1);
      this.#prefixExact = prefixSum(bars.close, this.#prefix);
      this.#prefixGeneration = this.#generation;
    }
    return this.#prefixExact;
  }

  #select(bars: Bars): void {
    if (this.#bars !== bars) {
      this.#bars = bars;
      this.#generation++;
    }
  }

  #column(bars: Bars, key: string, fill: (out: Float64Array) => Float64Array): Float64Array {
    this.#select(bars);
    const n = bars.close.length;
    let entry = this.#series.get(key);
    if (entry !== undefined && entry.generation === this.#generation) return entry.value;
    if (entry === undefined || entry.value.length !== n) {
      entry = { generation: -1, value: new Float64Array(n) };
      this.#series.set(key, entry);
    }
    entry.value = fill(entry.value);
    entry.generation = this.#generation;
    return entry.value;
  }
}

/** Writes running totals (`prefix[0] = 0`); true when all are exact integers. */
function prefixSum(src: Float64Array, prefix: Float64Array): boolean {
  let sum = 0;
  let fractional = 0;
  prefix[0] = 0;
  for (let i = 0; i < src.length; i++) {
    const x = src[i] as number;
    fractional += x - Math.floor(x);
    sum += x;
    prefix[i + 1] = sum;
  }
  return fractional === 0 && sum <= Number.MAX_SAFE_INTEGER;
}

function prefixAverage(prefix: Float64Array, period: number, out: Float64Array): Float64Array {
  const n = out.length;
  const warmUp = period - 1 < n ? period - 1 : n;
  out.fill(NaN, 0, warmUp);
  for (let t = warmUp; t < n; t++) {
    out[t] = ((prefix[t + 1] as number) - (prefix[t + 1 - period] as number)) / period;
  }
  return out;
}
