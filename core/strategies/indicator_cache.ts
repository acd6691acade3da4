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
 */
export class IndicatorCache {
  #bars: Bars | null = null;
  #generation = 0;
  #series = new Map<string, Entry<Float64Array>>();
  #bands = new Map<string, Entry<BollingerBands>>();

  /** Simple moving average of the closes. */
  sma(bars: Bars, period: number): Float64Array {
    return this.#column(bars, `sma:${period}`, (out) => sma(bars.close, period, out));
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
