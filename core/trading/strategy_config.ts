/**
 * Strategy configs in the store: which strategy runs with which parameters on which symbols, how
 * its buys are sized and when the jobs table runs it. Every change is checked against the entry's
 * versionstamp and audited in the same atomic operation.
 * @module
 */
import { z } from "zod";
import { sizingSchema } from "../backtest/mod.ts";
import { DEFAULT_FEE_RATE, isSymbolCode, type SymbolCode } from "../krx/mod.ts";
import {
  commitOrConflict,
  KEYS,
  listPage,
  type Page,
  type PageRequest,
  PREFIXES,
  setChecked,
  type Store,
  whileKvBusy,
} from "../store/mod.ts";
import { parseStrategyParams, STRATEGIES, StrategyParamsError } from "../strategies/mod.ts";

const symbolField = z.string().refine(isSymbolCode, "a KRX symbol code (6 characters)")
  .transform((s) => s as SymbolCode);

/**
 * A strategy config. `params` are checked by the strategy's own schema (defaults filled in), and a
 * bad one is named in the error (`ma-cross parameter "fast" must be …`).
 */
export const strategyConfigSchema = z.strictObject({
  id: z.string().regex(/^[a-z0-9][a-z0-9_-]{0,63}$/, "lowercase letters, digits, - and _"),
  strategy: z.enum(Object.keys(STRATEGIES) as [keyof typeof STRATEGIES]),
  params: z.record(z.string(), z.unknown()).default({}),
  symbols: z.array(symbolField).min(1).max(50)
    .refine((s) => new Set(s).size === s.length, "symbols must not repeat"),
  sizing: sizingSchema.default({ kind: "all-in" })
    .describe("How a buy is sized, as in the backtest: all buyable cash, a KRW amount, or equity"),
  orderType: z.enum(["limit", "market"]).default("limit")
    .describe("limit: at the last price rounded up onto the tick grid, capped at the upper limit"),
  feeRate: z.number().min(0).max(0.01).default(DEFAULT_FEE_RATE)
    .describe("Commission per side the buy's quantity leaves room for"),
  enabled: z.boolean().default(true),
  schedule: z.strictObject({
    label: z.string().min(1).max(60),
    /** KST `HH:MM` times the jobs table runs the config at. */
    times: z.array(z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, "HH:MM")).min(1).max(4),
  }).default({ label: "장 시작 후 / after the open", times: ["09:10"] }),
}).transform((config, ctx) => {
  try {
    const params = parseStrategyParams(config.strategy, config.params) as Record<string, unknown>;
    return { ...config, params };
  } catch (error) {
    if (!(error instanceof StrategyParamsError)) throw error;
    for (const message of error.problems) {
      ctx.addIssue({ code: "custom", path: ["params"], message });
    }
    return z.NEVER;
  }
});

/** A validated strategy config, parameters with their defaults. */
export type StrategyConfig = z.output<typeof strategyConfigSchema>;

/** A strategy config as written, before defaults are filled in. */
export type StrategyConfigInput = z.input<typeof strategyConfigSchema>;

/** A config that does not parse; `problems` name each field (a parameter by its own name). */
export class StrategyConfigError extends RangeError {
  /** One line per problem, `field: message`. */
  readonly problems: readonly string[];

  /** The error for `issues` of {@link strategyConfigSchema}. */
  constructor(issues: readonly z.core.$ZodIssue[]) {
    const problems = issues.map((issue) => {
      const field = issue.path.map((p) => typeof p === "number" ? `[${p}]` : `.${String(p)}`)
        .join("").replace(/^\./, "");
      return `${field || "config"}: ${issue.message}`;
    });
    super(`invalid strategy config: ${problems.join("; ")}`);
    this.name = "StrategyConfigError";
    this.problems = problems;
  }
}

/**
 * Validates a config (defaults and strategy parameter defaults filled in).
 *
 * @throws {StrategyConfigError} naming each bad field.
 * @example parseStrategyConfig({ id: "ma", strategy: "ma-cross", symbols: ["005930"] })
 */
export function parseStrategyConfig(input: unknown): StrategyConfig {
  const result = strategyConfigSchema.safeParse(input);
  if (!result.success) throw new StrategyConfigError(result.error.issues);
  return result.data;
}

/** A stored config with the versionstamp a later change must present. */
export interface StoredStrategyConfig {
  readonly config: StrategyConfig;
  readonly versionstamp: string;
}

/** The config `id`, or null. */
export async function getStrategyConfig(
  kv: Deno.Kv,
  id: string,
): Promise<StoredStrategyConfig | null> {
  const entry = await whileKvBusy(() => kv.get(KEYS.strategyConfig(id)));
  if (entry.versionstamp === null) return null;
  return { config: strategyConfigSchema.parse(entry.value), versionstamp: entry.versionstamp };
}

/** A page of configs in id order. */
export function listStrategyConfigs(
  kv: Deno.Kv,
  request?: PageRequest,
): Promise<Page<StrategyConfig>> {
  return whileKvBusy(() =>
    listPage(kv, { prefix: PREFIXES.strategyConfigs }, strategyConfigSchema, request)
  );
}

/**
 * Creates (`expected: null`: the id must be new) or replaces (`expected`: the versionstamp read)
 * a config, auditing the change.
 *
 * @throws {StrategyConfigError} naming the field (a strategy parameter by its name).
 * @throws {StoreConflictError} when the entry changed since `expected` (or exists, on create).
 */
export async function saveStrategyConfig(
  store: Store,
  input: StrategyConfigInput,
  expected: string | null,
): Promise<StoredStrategyConfig> {
  const config = parseStrategyConfig(input);
  const key = KEYS.strategyConfig(config.id);
  const { versionstamp } = await whileKvBusy(() => {
    const op = setChecked(store.kv.atomic().check({ key, versionstamp: expected }), key, config);
    store.audit.appendTo(op, {
      kind: "config",
      action: expected === null ? "strategy_config_created" : "strategy_config_updated",
      subject: config.id,
      data: { config },
    });
    return commitOrConflict(op, `strategy config ${config.id}`);
  });
  return { config, versionstamp };
}

/**
 * Deletes config `id` if it is still at `expected`, auditing it; its stored signals stay for the
 * history.
 *
 * @throws {StoreConflictError} when the entry changed since `expected`.
 */
export async function deleteStrategyConfig(
  store: Store,
  id: string,
  expected: string,
): Promise<void> {
  const key = KEYS.strategyConfig(id);
  await whileKvBusy(() => {
    const op = store.kv.atomic().check({ key, versionstamp: expected }).delete(key);
    store.audit.appendTo(op, { kind: "config", action: "strategy_config_deleted", subject: id });
    return commitOrConflict(op, `strategy config ${id}`);
  });
}
