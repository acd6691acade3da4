import type { InstrumentContext, InstrumentKind, Market, SymbolCode } from "../krx/mod.ts";
import { toBasisPoints } from "./basis_points.ts";
import type { RebalanceConfig } from "./config.ts";
import { type Priced, requireQuote } from "./prices.ts";
import type { RebalanceInput } from "./types.ts";

/** One symbol the plan looks at: held, targeted, or both. */
export interface PlanPosition {
  readonly symbol: SymbolCode;
  /** The krx rules it trades under on the plan's date. */
  readonly context: InstrumentContext & {
    readonly instrument: InstrumentKind;
    readonly market: Market;
  };
  readonly targetBasisPoints: number;
  readonly held: number;
  readonly sellable: number;
  readonly priced: Priced;
}

/**
 * Every symbol held or targeted with a weight above zero, by code, each with a checked quote;
 * a held symbol without a target has a target of zero.
 *
 * @throws {RebalanceInputError} for a symbol without a usable quote.
 * @throws {RangeError} for a holding whose quantities are not whole shares.
 */
export function planPositions(config: RebalanceConfig, input: RebalanceInput): PlanPosition[] {
  const held = new Map(input.holdings.filter((h) => h.quantity > 0).map((h) => [h.symbol, h]));
  const targets = new Map(config.targets.map((t) => [t.symbol, t]));
  const symbols = new Set([
    ...held.keys(),
    ...config.targets.filter((t) => t.weight > 0)
      .map((t) => t.symbol),
  ]);
  return [...symbols].sort().map((symbol) => {
    const holding = held.get(symbol);
    const target = targets.get(symbol);
    const quantity = holding?.quantity ?? 0;
    const sellable = Math.min(holding?.orderableQuantity ?? quantity, quantity);
    if (!Number.isSafeInteger(quantity) || !Number.isSafeInteger(sellable) || sellable < 0) {
      throw new RangeError(`${symbol}: holding quantities must be whole shares`);
    }
    const context = {
      instrument: target?.instrument ?? holding?.instrument ?? "stock",
      market: target?.market ?? holding?.market ?? "KOSPI",
      date: input.date,
    } as const;
    return {
      symbol,
      context,
      targetBasisPoints: toBasisPoints(target?.weight ?? 0) ?? 0,
      held: quantity,
      sellable,
      priced: requireQuote(symbol, input.quotes, context),
    };
  });
}
