/**
 * Equity curves of several runs on one date axis, each divided by its first value so curves of
 * different cash start at 1.0 and can be overlaid.
 * @module
 */

/** One run's equity by date, oldest first. */
export interface EquityCurve {
  readonly id: string;
  readonly equity: readonly { readonly date: string; readonly equity: number }[];
}

/** Curves on the union of their dates; `null` before a curve starts and after it ends. */
export interface AlignedCurves {
  readonly dates: string[];
  readonly curves: { readonly id: string; readonly values: (number | null)[] }[];
}

/**
 * Aligns `curves` on the sorted union of their dates, each normalised to 1.0 at its first point;
 * inside a curve's span a date it lacks (another series' trading day) repeats its last value.
 *
 * @example
 * alignCurves([{ id: "a", equity: [{ date: "2026-01-02", equity: 100 }] }])
 * // { dates: ["2026-01-02"], curves: [{ id: "a", values: [1] }] }
 */
export function alignCurves(curves: readonly EquityCurve[]): AlignedCurves {
  const dates = [...new Set(curves.flatMap((c) => c.equity.map((p) => p.date)))].sort();
  return {
    dates,
    curves: curves.map(({ id, equity }) => {
      const base = equity[0]?.equity ?? 0;
      const byDate = new Map(equity.map((p) => [p.date, p.equity]));
      const first = equity[0]?.date;
      const last = equity.at(-1)?.date;
      let carried: number | null = null;
      const values = dates.map((date) => {
        if (first === undefined || last === undefined || date < first || date > last) return null;
        const value = byDate.get(date);
        if (value !== undefined) carried = base === 0 ? null : round(value / base);
        return carried;
      });
      return { id, values };
    }),
  };
}

function round(x: number): number {
  return Math.round(x * 1e6) / 1e6;
}
