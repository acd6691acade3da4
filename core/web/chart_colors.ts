/**
 * The colours of the allocation's slices, shared by the doughnut and its legend table. The two
 * colours that mean up and down in the reader's convention are left out: red and blue on a Korean
 * screen, green and red in the other convention.
 * @module
 */
import type { ColorConvention } from "./colors.ts";

/** The holdings' colours in the Korean convention (no red, no blue), largest holding first. */
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

/** The holdings' colours in the green-up convention (no green, no red), largest holding first. */
export const HOLDING_COLORS_GREEN_UP = [
  "#2563eb",
  "#f59e0b",
  "#8b5cf6",
  "#06b6d4",
  "#ec4899",
  "#a16207",
  "#6366f1",
  "#64748b",
] as const;

/** Cash, always the same neutral grey. */
export const CASH_COLOR = "#94a3b8";

/** The palette of `convention`. */
export function holdingColors(convention: ColorConvention): readonly string[] {
  return convention === "green-up" ? HOLDING_COLORS_GREEN_UP : HOLDING_COLORS;
}

/**
 * The colour of a slice: cash (`symbol` null) grey, holding `index` from the convention's palette
 * (which repeats past its end).
 */
export function sliceColor(
  slice: { readonly symbol: string | null },
  index: number,
  convention: ColorConvention = "red-up",
): string {
  const palette = holdingColors(convention);
  return slice.symbol === null ? CASH_COLOR : palette[index % palette.length]!;
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
