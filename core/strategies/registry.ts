import { z } from "zod";
import { type BollingerParams, bollingerStrategy } from "./bollinger.ts";
import { composite, type CompositeParams } from "./composite.ts";
import { maCross, type MaCrossParams } from "./ma_cross.ts";
import { type RsiParams, rsiStrategy } from "./rsi.ts";
import type { Strategy, StrategyId } from "./strategy.ts";

/** Validated parameter types by strategy id. */
export interface StrategyParamsById {
  "ma-cross": MaCrossParams;
  rsi: RsiParams;
  bollinger: BollingerParams;
  composite: CompositeParams;
}

/** Any built-in strategy, typed with its own parameters. */
export type AnyStrategy = { [K in StrategyId]: Strategy<StrategyParamsById[K]> }[StrategyId];

/** The built-in strategies by id. */
export const STRATEGIES: { readonly [K in StrategyId]: Strategy<StrategyParamsById[K]> } = {
  "ma-cross": maCross,
  rsi: rsiStrategy,
  bollinger: bollingerStrategy,
  composite,
};

/** Thrown for an unknown strategy id or parameters that fail the strategy's schema. */
export class StrategyParamsError extends RangeError {
  /** One readable line per problem, each naming the parameter. */
  readonly problems: readonly string[];

  /** Builds the error from its problem lines. */
  constructor(problems: readonly string[]) {
    super(problems.join("; "));
    this.name = "StrategyParamsError";
    this.problems = problems;
  }
}

/** Whether `id` names a built-in strategy. */
export function isStrategyId(id: string): id is StrategyId {
  return Object.hasOwn(STRATEGIES, id);
}

/** The strategy with this id; throws {@link StrategyParamsError} listing the known ids. */
export function getStrategy<K extends StrategyId>(id: K): Strategy<StrategyParamsById[K]>;
/** The strategy with this id; throws {@link StrategyParamsError} listing the known ids. */
export function getStrategy(id: string): AnyStrategy;
export function getStrategy(id: string): AnyStrategy {
  if (!isStrategyId(id)) {
    throw new StrategyParamsError([
      `unknown strategy "${id}" (known: ${Object.keys(STRATEGIES).join(", ")})`,
    ]);
  }
  return STRATEGIES[id] as AnyStrategy;
}

/**
 * Validates raw parameters (defaults filled in) for a strategy; throws {@link StrategyParamsError}
 * naming each bad parameter with its bounds.
 *
 * @example
 * const params = parseStrategyParams("ma-cross", { fast: 5, slow: 20 });
 */
export function parseStrategyParams<K extends StrategyId>(
  id: K,
  raw: unknown,
): StrategyParamsById[K];
/** Validates raw parameters for a strategy given by an unchecked id. */
export function parseStrategyParams(id: string, raw: unknown): unknown;
export function parseStrategyParams(id: string, raw: unknown): unknown {
  const strategy = getStrategy(id);
  const result = strategy.params.safeParse(raw ?? {});
  if (result.success) return result.data;
  throw new StrategyParamsError(
    result.error.issues.map((issue) => describeIssue(strategy, issue, raw)),
  );
}

function describeIssue(strategy: AnyStrategy, issue: z.core.$ZodIssue, raw: unknown): string {
  const name = issue.path.map((p, i) =>
    typeof p === "number" ? `[${p}]` : i === 0 ? String(p) : `.${String(p)}`
  )
    .join("");
  const where = `${strategy.id} parameter "${name}"`;
  const got = valueAt(raw, issue.path);
  switch (issue.code) {
    case "unrecognized_keys": {
      const known = knownKeys(strategy.params, issue.path, raw);
      const prefix = name === "" ? "" : `${name}.`;
      return `${strategy.id}: unknown parameter ${
        issue.keys.map((k) => `"${prefix}${k}"`).join(", ")
      } (known: ${known.join(", ")})`;
    }
    case "too_small":
    case "too_big":
      return `${where} must be ${rangeText(strategy.params, issue, raw)} (got ${show(got)})`;
    case "invalid_type":
      return `${where} must be ${
        issue.expected === "int" ? "an integer" : `a ${issue.expected}`
      } (got ${show(got)})`;
    case "invalid_value":
      return `${where} must be one of ${issue.values.map(show).join(", ")} (got ${show(got)})`;
    case "invalid_union":
      return `${where} must name one of ma-cross, rsi, bollinger (got ${show(got)})`;
    case "custom":
      return `${strategy.id}: ${issue.message}`;
    default:
      return `${where}: ${issue.message}`;
  }
}

function rangeText(
  schema: z.ZodType,
  issue: z.core.$ZodIssueTooSmall | z.core.$ZodIssueTooBig,
  raw: unknown,
): string {
  const field = fieldSchema(schema, issue.path, raw);
  if (field instanceof z.ZodNumber && field.minValue !== null && field.maxValue !== null) {
    const kind = field.format === "safeint" ? "an integer" : "a number";
    return `${kind} from ${field.minValue} to ${field.maxValue}`;
  }
  const bound = Number(issue.code === "too_small" ? issue.minimum : issue.maximum);
  const noun = issue.origin === "array" ? " items" : "";
  if (issue.code === "too_small") return `at least ${bound}${noun}`;
  return `at most ${bound}${noun}`;
}

function unwrap(schema: z.ZodType): z.ZodType {
  let current: z.ZodType = schema;
  while (current instanceof z.ZodDefault || current instanceof z.ZodPrefault) {
    current = current.unwrap() as z.ZodType;
  }
  return current;
}

function fieldSchema(
  schema: z.ZodType,
  path: readonly PropertyKey[],
  raw: unknown,
): z.ZodType | undefined {
  let current: z.ZodType | undefined = unwrap(schema);
  for (let i = 0; i < path.length; i++) {
    const key = path[i] as PropertyKey;
    if (current instanceof z.ZodUnion) {
      current = matchingOption(current, valueAt(raw, path.slice(0, i)));
    }
    if (current instanceof z.ZodObject && typeof key === "string") {
      const next: z.ZodType | undefined = current.shape[key];
      current = next === undefined ? undefined : unwrap(next);
    } else if (current instanceof z.ZodArray && typeof key === "number") {
      current = unwrap(current.element as z.ZodType);
    } else {
      return undefined;
    }
  }
  return current;
}

/** The union member whose literal fields (such as `id`) match `value`. */
function matchingOption(union: z.ZodUnion, value: unknown): z.ZodType | undefined {
  if (value === null || typeof value !== "object") return undefined;
  const record = value as Record<string, unknown>;
  return (union.options as z.ZodType[]).find((option) =>
    option instanceof z.ZodObject &&
    Object.entries(option.shape).every(([k, field]) =>
      !(field instanceof z.ZodLiteral) || field.values.has(record[k] as never)
    )
  );
}

function knownKeys(schema: z.ZodType, path: readonly PropertyKey[], raw: unknown): string[] {
  let field = fieldSchema(schema, path, raw);
  if (field instanceof z.ZodUnion) field = matchingOption(field, valueAt(raw, path));
  return field instanceof z.ZodObject ? Object.keys(field.shape) : [];
}

function valueAt(raw: unknown, path: readonly PropertyKey[]): unknown {
  let current: unknown = raw;
  for (const key of path) {
    if (current === null || typeof current !== "object") return undefined;
    current = (current as Record<PropertyKey, unknown>)[key];
  }
  return current;
}

function show(value: unknown): string {
  return value === undefined ? "nothing" : JSON.stringify(value) ?? String(value);
}
