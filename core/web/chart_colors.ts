/**
 * The colours of the allocation's slices, shared by the doughnut and its legend table. Red and
 * blue are left out: on a Korean screen they mean up and down.
 * @module
 */

/** The holdings' colours, largest holding first. */
export const HOLDING_COLORS = [
  "#0d9488",
  "#f59e0b",
  "#8b5cf6",
  "#84cc16",
  "#ec4899",
  "#06b6d4",
  "#a16207",
  "#6366f1",
] as const;

/** Cash, always the same neutral grey. */
export const CASH_COLOR = "#94a3b8";

/**
 * The colour of a slice: cash (`symbol` null) grey, holding `index` from the palette (which
 * repeats past its end).
 */
export function sliceColor(slice: { readonly symbol: string | null }, index: number): string {
  return slice.symbol === null ? CASH_COLOR : HOLDING_COLORS[index % HOLDING_COLORS.length]!;
}

/**
 * Gains, buys and rises: red, as Korean screens show them. The stylesheet's `--up`, which dark
 * mode lightens, with light mode's red as the fallback (charts resolve it when they draw).
 */
export const UP_COLOR = "var(--up, #d60000)";

/** Losses, sells and falls: blue, the stylesheet's `--down` (see {@link UP_COLOR}). */
export const DOWN_COLOR = "var(--down, #0050d0)";

/** A strategy's own line (the backtest lab's equity): the palette's first colour. */
export const STRATEGY_COLOR = HOLDING_COLORS[0];

/** A benchmark's line (buy-and-hold): the neutral grey of cash. */
export const BENCHMARK_COLOR = CASH_COLOR;
