/**
 * The strategy comparison page's forms as the API's JSON: a saved backtest
 * (`POST /api/v1/backtests/runs`) and a two-parameter sweep (`POST /api/v1/backtests/sweeps`).
 * Values are passed on as typed where the API can name them wrong; only what the API cannot see
 * (a parameter written without `=`, the same parameter on both axes) is refused here.
 * @module
 */
import { numeric } from "./forms.ts";

/** Why the page itself refused a form, and which of its fields. */
export interface CompareFormProblem {
  readonly field: string;
  readonly problem: "paramsFormat" | "sameParam";
}

/** True for a problem the page found rather than a request body. */
export function isFormProblem(value: object): value is CompareFormProblem {
  return "problem" in value && "field" in value;
}

/** A typed value as JSON wants it: a number, `true`/`false`, or the text. */
function value(text: string): number | string | boolean {
  const trimmed = text.trim();
  if (trimmed === "true" || trimmed === "false") return trimmed === "true";
  return numeric(trimmed);
}

/** The comma-separated items of a field, trimmed, without empty ones. */
export function listOf(text: string | undefined): string[] {
  return (text ?? "").split(",").map((item) => item.trim()).filter((item) => item !== "");
}

/** Most values one range item expands to; the API allows 50 per parameter. */
const MAX_RANGE_VALUES = 50;

/**
 * A grid axis: comma-separated values, where `from..to` or `from..to:step` (step 1 by default)
 * stands for every value of that range; a range longer than the API allows is kept as its text,
 * for the API to name.
 * @example gridValues("3..9:3, 20") // [3, 6, 9, 20]
 */
export function gridValues(text: string | undefined): unknown[] {
  return listOf(text).flatMap((item) => {
    const range = /^(-?\d+(?:\.\d+)?)\.\.(-?\d+(?:\.\d+)?)(?::(\d+(?:\.\d+)?))?$/.exec(item);
    if (range === null) return [value(item)];
    const [from, to, step] = [Number(range[1]), Number(range[2]), Number(range[3] ?? 1)];
    const count = Math.floor((to - from) / step + 1e-9) + 1;
    if (step <= 0 || count < 1 || count > MAX_RANGE_VALUES) return [item];
    return Array.from({ length: count }, (_, i) => Math.round((from + i * step) * 1e9) / 1e9);
  });
}

/** `fast=5, slow=20` as `{ fast: 5, slow: 20 }`, or null when an item has no `=`. */
export function paramsOf(text: string | undefined): Record<string, unknown> | null {
  const params: Record<string, unknown> = {};
  for (const item of listOf(text)) {
    const at = item.indexOf("=");
    if (at <= 0) return null;
    params[item.slice(0, at).trim()] = value(item.slice(at + 1));
  }
  return params;
}

/** What both forms share: the strategy, the series by symbol, the dates, the cash and a name. */
function common(fields: Record<string, string>): Record<string, unknown> {
  const name = (fields.name ?? "").trim();
  return {
    ...(name === "" ? {} : { name }),
    strategy: fields.strategy ?? "",
    series: listOf(fields.symbols).map((symbol) => ({ symbol })),
    from: fields.from ?? "",
    to: fields.to ?? "",
    cash: numeric(fields.cash),
  };
}

/** The body of `POST /api/v1/backtests/runs` from the save form. */
export function runRequest(fields: Record<string, string>): object | CompareFormProblem {
  const params = paramsOf(fields.params);
  if (params === null) return { field: "params", problem: "paramsFormat" };
  return { ...common(fields), params };
}

/** The body of `POST /api/v1/backtests/sweeps` from the sweep form. */
export function sweepRequest(fields: Record<string, string>): object | CompareFormProblem {
  const x = (fields.xParam ?? "").trim();
  const y = (fields.yParam ?? "").trim();
  if (x !== "" && x === y) return { field: "yParam", problem: "sameParam" };
  const grid: Record<string, unknown[]> = { [x]: gridValues(fields.xValues) };
  if (y !== "") grid[y] = gridValues(fields.yValues);
  return { ...common(fields), grid, objective: fields.objective ?? "sharpe" };
}

/** The form field an API error detail names (`body.` already removed). */
export function formFieldOf(apiField: string): string {
  if (apiField.startsWith("params")) return "params";
  if (apiField.startsWith("series")) return "symbols";
  if (apiField.startsWith("grid")) return "xValues";
  return apiField.split(/[.[]/)[0]!;
}
