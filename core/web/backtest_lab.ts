/**
 * The backtest lab's inputs, shared by its page (which reads them from the query string) and its
 * island (which writes them back into the URL): every input is a string as typed, the query string
 * holds all of them (so a link restores the lab), and one function turns them into the body of
 * `POST /api/v1/backtests`, leaving anything that is not a number as text for the API to name.
 * No zod here: this module ships in the island's bundle.
 * @module
 */

/** One strategy parameter the lab shows as an input: a number with bounds, or a choice. */
export interface ParamSpec {
  readonly name: string;
  readonly kind: "integer" | "number" | "enum";
  readonly min: number | null;
  readonly max: number | null;
  /** The choices of an `enum`. */
  readonly options: readonly string[];
  /** The default, as typed. */
  readonly default: string;
  readonly description: string;
}

/** A strategy as the lab offers it: its id, its name in the page's language, its inputs. */
export interface LabStrategy {
  readonly id: string;
  readonly name: string;
  readonly params: readonly ParamSpec[];
}

/** Every input of the lab, as typed (the query string's values). */
export interface LabInputs {
  readonly strategy: string;
  /** Parameter name to typed value, for the chosen strategy's parameters. */
  readonly params: Readonly<Record<string, string>>;
  /** Symbol codes separated by commas or spaces. */
  readonly symbols: string;
  readonly from: string;
  readonly to: string;
  /** Starting cash in won (commas allowed). */
  readonly cash: string;
  /** Commission per side in percent. */
  readonly fee: string;
  /** Sell tax in percent; empty for the rate in force on each fill's date. */
  readonly tax: string;
  /** Slippage in whole ticks. */
  readonly slippage: string;
  readonly fill: "open" | "close";
}

/** The symbols the lab starts with: a few large caps of the demo's universe. */
export const LAB_DEFAULT_SYMBOLS = "005930, 000660, 035420";

/** The query-string key of a strategy parameter. */
export function paramKey(name: string): string {
  return `p.${name}`;
}

interface JsonSchemaProperty {
  readonly type?: string;
  readonly minimum?: number;
  readonly maximum?: number;
  readonly exclusiveMinimum?: number;
  readonly exclusiveMaximum?: number;
  readonly enum?: readonly unknown[];
  readonly default?: unknown;
  readonly description?: string;
}

/**
 * The inputs of a strategy's parameter JSON Schema (`GET /api/v1/strategies/{id}`'s
 * `paramsSchema`): integers and numbers with their bounds, and string enums. Parameters of other
 * shapes (a composite's member list) are left out; the strategy's default holds for them.
 */
export function paramSpecs(schema: unknown): ParamSpec[] {
  const properties = (schema as { properties?: Record<string, JsonSchemaProperty> } | null)
    ?.properties ?? {};
  const specs: ParamSpec[] = [];
  for (const [name, property] of Object.entries(properties)) {
    const description = property.description ?? "";
    const fallback = property.default === undefined ? "" : String(property.default);
    if (property.type === "integer" || property.type === "number") {
      specs.push({
        name,
        kind: property.type,
        min: property.minimum ?? property.exclusiveMinimum ?? null,
        max: property.maximum ?? property.exclusiveMaximum ?? null,
        options: [],
        default: fallback,
        description,
      });
    } else if (property.type === "string" && Array.isArray(property.enum)) {
      specs.push({
        name,
        kind: "enum",
        min: null,
        max: null,
        options: property.enum.map(String),
        default: fallback,
        description,
      });
    }
  }
  return specs;
}

/**
 * `YYYY-MM-DD` of `date` shifted back by whole years (29 February becomes 1 March), or of `today`
 * when `date` is not such a date (a typed `to` the API will name).
 */
function yearsBefore(date: string, today: string, years: number): string {
  let at = new Date(`${date}T00:00:00Z`);
  if (!/^\d{4}-\d{2}-\d{2}$/.test(date) || Number.isNaN(at.getTime())) {
    at = new Date(`${today}T00:00:00Z`);
  }
  at.setUTCFullYear(at.getUTCFullYear() - years);
  return at.toISOString().slice(0, 10);
}

/**
 * The lab's inputs from a query string: each value as given, the rest from the defaults (the
 * first strategy, its default parameters, {@link LAB_DEFAULT_SYMBOLS}, the year up to `today`,
 * ₩10,000,000, 0.015 % commission, the dated tax, no slippage, fills at the next open). A strategy
 * id no strategy has stays as given, without parameters, for the API to name.
 */
export function labInputs(
  query: URLSearchParams,
  strategies: readonly LabStrategy[],
  today: string,
): LabInputs {
  const asked = query.get("strategy");
  const chosen = asked === null ? strategies[0] : strategies.find((s) => s.id === asked);
  const to = query.get("to") ?? today;
  return {
    strategy: chosen?.id ?? asked ?? "",
    params: Object.fromEntries(
      (chosen?.params ?? []).map((
        spec,
      ) => [spec.name, query.get(paramKey(spec.name)) ?? spec.default]),
    ),
    symbols: query.get("symbols") ?? LAB_DEFAULT_SYMBOLS,
    from: query.get("from") ?? yearsBefore(to, today, 1),
    to,
    cash: query.get("cash") ?? "10,000,000",
    fee: query.get("fee") ?? "0.015",
    tax: query.get("tax") ?? "",
    slippage: query.get("slippage") ?? "0",
    fill: query.get("fill") === "close" ? "close" : "open",
  };
}

/** The query string (without `?`) that restores `inputs`: the lab's share link. */
export function labSearch(inputs: LabInputs): string {
  const query = new URLSearchParams({ strategy: inputs.strategy });
  for (const [name, value] of Object.entries(inputs.params)) query.set(paramKey(name), value);
  query.set("symbols", inputs.symbols);
  query.set("from", inputs.from);
  query.set("to", inputs.to);
  query.set("cash", inputs.cash);
  query.set("fee", inputs.fee);
  query.set("tax", inputs.tax);
  query.set("slippage", inputs.slippage);
  query.set("fill", inputs.fill);
  return query.toString();
}

/** The inputs with the strategy switched, its parameters reset to their defaults. */
export function withStrategy(inputs: LabInputs, strategy: LabStrategy): LabInputs {
  return {
    ...inputs,
    strategy: strategy.id,
    params: Object.fromEntries(strategy.params.map((spec) => [spec.name, spec.default])),
  };
}

/** The symbol codes typed, in order, without repeats. */
export function labSymbols(inputs: LabInputs): string[] {
  return [...new Set(inputs.symbols.split(/[\s,]+/).filter((s) => s !== ""))];
}

/**
 * A typed number (commas allowed) as a number, or the text as typed for the API to name as wrong.
 * @example typedNumber("1,000") // 1000
 */
export function typedNumber(value: string): number | string {
  const text = value.trim().replaceAll(",", "");
  return /^-?\d+(\.\d+)?$/.test(text) ? Number(text) : value;
}

/** A typed percentage as a fraction (`0.015` → 0.00015), or the text as typed. */
function percentFraction(value: string): number | string {
  const n = typedNumber(value);
  return typeof n === "number" ? Number((n / 100).toPrecision(12)) : n;
}

/** One series of the request: a symbol with its bars, or just the symbol. */
export type LabSeries = { readonly symbol: string } & Record<string, unknown>;

/**
 * The body of `POST /api/v1/backtests` for `inputs`, with `series` (one per symbol, in the order of
 * {@link labSymbols}). Several symbols are one portfolio with shared cash.
 */
export function labRequest(
  inputs: LabInputs,
  strategy: LabStrategy | undefined,
  series: readonly LabSeries[],
): Record<string, unknown> {
  const params: Record<string, unknown> = {};
  for (const spec of strategy?.params ?? []) {
    const typed = inputs.params[spec.name] ?? spec.default;
    params[spec.name] = spec.kind === "enum" ? typed : typedNumber(typed);
  }
  const slippage = typedNumber(inputs.slippage);
  return {
    strategy: inputs.strategy,
    params,
    series,
    from: inputs.from,
    to: inputs.to,
    cash: typedNumber(inputs.cash),
    feeRate: percentFraction(inputs.fee),
    ...(inputs.tax.trim() === "" ? {} : { taxRate: percentFraction(inputs.tax) }),
    ...(slippage === 0 ? {} : { slippage: { kind: "ticks", ticks: slippage } }),
    fill: inputs.fill,
  };
}

const API_FIELDS: Readonly<Record<string, string>> = {
  feeRate: "fee",
  taxRate: "tax",
  series: "symbols",
  symbol: "symbols",
};

/**
 * The lab's input an API error detail names (`body.params.fast` → `p.fast`, `body.feeRate` →
 * `fee`, `body.series[1].rows` or a chart's `path.symbol` → `symbols`, `query.from` → `from`), or
 * the API's name when no input has it.
 */
export function labField(apiField: string): string {
  const path = apiField.replace(/^(body|query|path)\./, "");
  if (path.startsWith("params.")) return paramKey(path.slice("params.".length).split(/[.[]/)[0]!);
  const head = path.split(/[.[]/)[0]!;
  return API_FIELDS[head] ?? head;
}

/** A backtest report as `POST /api/v1/backtests` answers it. */
export interface LabReport {
  readonly metrics: Readonly<Record<string, number | null>>;
  readonly benchmark: Readonly<Record<string, number | null>>;
  readonly trades: readonly {
    readonly symbol: string;
    readonly entryDate: string;
    readonly entryPrice: number;
    readonly exitDate: string | null;
    readonly exitPrice: number | null;
    readonly qty: number;
    readonly pnl: number;
  }[];
  readonly equity: readonly { readonly date: string; readonly equity: number }[];
  readonly benchmarkEquity: readonly { readonly date: string; readonly equity: number }[];
}
