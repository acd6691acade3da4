import { parseStrategyParams, type StrategyId, StrategyParamsError } from "../../strategies/mod.ts";

/** Values to try per parameter; parameters left out keep their defaults. */
export type ParamGrid = Readonly<Record<string, readonly unknown[]>>;

/**
 * Every combination of the grid's values, validated by the strategy's schema. Combinations the
 * schema rejects (say `fast ≥ slow`) are left out; if all are, the first rejection is thrown.
 *
 * @example
 * gridCombinations("ma-cross", { fast: [5, 10], slow: [20, 60] }).length // 4
 */
export function gridCombinations(strategy: StrategyId, grid: ParamGrid): unknown[] {
  const keys = Object.keys(grid);
  for (const key of keys) {
    if ((grid[key] as readonly unknown[]).length === 0) {
      throw new StrategyParamsError([`${strategy} grid parameter "${key}" has no values`]);
    }
  }
  const combos: unknown[] = [];
  let firstError: unknown = null;
  const raw: Record<string, unknown> = {};
  const visit = (depth: number): void => {
    if (depth === keys.length) {
      try {
        combos.push(parseStrategyParams(strategy, { ...raw }));
      } catch (error) {
        if (!(error instanceof StrategyParamsError)) throw error;
        firstError ??= error;
      }
      return;
    }
    const key = keys[depth] as string;
    for (const value of grid[key] as readonly unknown[]) {
      raw[key] = value;
      visit(depth + 1);
    }
  };
  visit(0);
  if (combos.length === 0 && firstError !== null) throw firstError;
  return combos;
}
