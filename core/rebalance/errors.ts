import type { SymbolCode } from "../krx/mod.ts";

/** Why the planner refused its input. */
export type RebalanceRefusal =
  | "no_quote"
  | "invalid_price"
  | "halted"
  | "outside_limits"
  | "no_equity";

/** The planner's input cannot be planned on: a symbol without a usable price, or no equity. */
export class RebalanceInputError extends Error {
  /** `symbol` is the one at fault, or `null` for the account as a whole. */
  constructor(
    readonly reason: RebalanceRefusal,
    readonly symbol: SymbolCode | null,
    message: string,
  ) {
    super(message);
    this.name = "RebalanceInputError";
  }
}
