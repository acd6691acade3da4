import {
  type Alert,
  type AlertRuleInput,
  createAlert,
  type PositionContext,
} from "../../core/alerts/mod.ts";
import { parseSymbolCode, type SymbolCode } from "../../core/krx/mod.ts";

/** The symbol most tests use. */
export const SAMSUNG: SymbolCode = parseSymbolCode("005930");

let next = 0;

/** An active alert on `symbol` (default Samsung) with a fresh id. */
export function alertFor(
  rule: AlertRuleInput,
  position: PositionContext = {},
  symbol: SymbolCode = SAMSUNG,
  id = `a${String(next++).padStart(6, "0")}`,
): Alert {
  return createAlert({ account: "acct-1", symbol, rule }, { id, now: 1_000, ...position });
}
