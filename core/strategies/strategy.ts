import type { z } from "zod";
import type { Bars } from "./bars.ts";
import { IndicatorCache } from "./indicator_cache.ts";

/** Identifiers of the built-in strategies. */
export type StrategyId = "ma-cross" | "rsi" | "bollinger" | "composite";

/** Text in Korean and English, for the dashboard and notebooks. */
export interface LocalizedText {
  readonly ko: string;
  readonly en: string;
}

/**
 * A strategy's signal in terms a fused backtest kernel understands (core/backtest/fused): long
 * from a cross of SMA(`fast`) above SMA(`slow`) of the closes until the cross back below.
 */
export interface SmaCrossSignal {
  readonly kind: "sma-cross";
  readonly fast: number;
  readonly slow: number;
}

/** The signals some fused backtest kernel runs. */
export type FusedSignal = SmaCrossSignal;

/**
 * A long-only trading rule: a zod schema for its parameters and a pure function from bars to a
 * position target per bar (1 long, 0 flat), decided on that bar's close.
 */
export interface Strategy<P> {
  readonly id: StrategyId;
  readonly name: LocalizedText;
  readonly description: LocalizedText;
  /** Parameters with defaults, bounds and `.describe()` text, so forms can be rendered from it. */
  readonly params: z.ZodType<P>;
  /**
   * Position target per bar, written into `out` when given (its length must equal the bar count).
   * A `cache` lets repeated calls over the same bars share indicator work and buffers.
   */
  targets(bars: Bars, params: P, out?: Uint8Array, cache?: IndicatorCache): Uint8Array;
  /**
   * Offered by a strategy whose targets a fused backtest kernel reproduces exactly: its signal
   * for `params` in the kernel's terms. Backtests then run the kernel wherever their options let
   * it give the general engine's results, and the general engine elsewhere.
   */
  fusedSignal?(params: P): FusedSignal;
}

/** Returns `out` when it fits `n` bars, else a new zeroed array; throws on a wrong-sized buffer. */
export function targetBuffer(n: number, out?: Uint8Array): Uint8Array {
  if (out === undefined) return new Uint8Array(n);
  if (out.length !== n) {
    throw new RangeError(`target buffer has length ${out.length}, expected ${n}`);
  }
  return out;
}

/**
 * What a strategy module declares: a {@link Strategy} whose rule fills a target buffer already
 * sized to the bars, with an indicator cache always at hand.
 */
export interface StrategySpec<P> extends Omit<Strategy<P>, "targets"> {
  /** Writes each bar's target into `target` and returns it. */
  fill(bars: Bars, params: P, target: Uint8Array, cache: IndicatorCache): Uint8Array;
}

/**
 * A {@link Strategy} from its spec: `targets` checks or allocates the output buffer and creates
 * a cache when the caller brings none, so each rule is only its own arithmetic.
 */
export function defineStrategy<P>({ fill, ...spec }: StrategySpec<P>): Strategy<P> {
  return {
    ...spec,
    targets: (bars, params, out, cache = new IndicatorCache()) =>
      fill(bars, params, targetBuffer(bars.close.length, out), cache),
  };
}
