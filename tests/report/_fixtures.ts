import { type Alert, createAlert, markTriggered, type Trigger } from "../../core/alerts/mod.ts";
import type { Balance, Holding } from "../../core/broker/mod.ts";
import { kstInstant, parseIsoDate, parseSymbolCode } from "../../core/krx/mod.ts";
import type { DailyReportInput } from "../../core/report/mod.ts";

/** Three KOSPI stocks. */
export const A = parseSymbolCode("005930");
export const B = parseSymbolCode("000660");
export const C = parseSymbolCode("035720");

/**
 * A Monday whose trades settle on 2026-01-02 (2025-12-31 is a KRX holiday), so a sale pays the
 * 2026 KOSPI sell tax of 0.20 % rather than 2025's 0.15 %.
 */
export const DAY = parseIsoDate("2025-12-29");

/** 15:40 KST on {@link DAY}, when the report job runs. */
export const CLOSE = kstInstant(DAY, 15, 40).getTime();

/** A holding as the broker reports it; only quantity, purchase amount and price are read. */
export function holding(
  symbol: Holding["symbol"],
  name: string,
  quantity: number,
  purchaseAmount: number,
  price: number,
): Holding {
  return {
    symbol,
    name,
    quantity,
    orderableQuantity: quantity,
    averagePrice: purchaseAmount / quantity,
    purchaseAmount,
    price,
    evaluationAmount: price * quantity,
    profitLoss: price * quantity - purchaseAmount,
  };
}

/** A balance with `settledCashD2` as its cash; the other totals are not read. */
export function balance(settledCashD2: number, holdings: Holding[]): Balance {
  return {
    holdings,
    summary: {
      deposit: settledCashD2,
      settledCashD2,
      securitiesValue: 0,
      totalValue: 0,
      purchaseAmount: 0,
      profitLoss: 0,
    },
  };
}

/** An input with no activity; tests spread what they need over it. */
export function quietDay(overrides: Partial<DailyReportInput> = {}): DailyReportInput {
  return {
    accountId: "acct-1",
    date: DAY,
    generatedAt: CLOSE,
    balance: balance(10_000_000, []),
    previousEquity: 10_000_000,
    capital: 10_000_000,
    orders: [],
    fills: [],
    alerts: [],
    signals: [],
    rebalances: [],
    errors: [],
    ...overrides,
  };
}

/** A stop-loss on `symbol` at `level` that fired at `price`, `at` epoch ms. */
export function stopLossTrigger(
  id: string,
  symbol: Alert["symbol"],
  level: number,
  price: number,
  at: number,
): Trigger {
  const alert = createAlert(
    {
      account: "acct-1",
      symbol,
      rule: { kind: "stop_loss", trigger: { basis: "price", price: level } },
    },
    { id, now: at - 60_000 },
  );
  return { alert: markTriggered(alert, price, at), price, at, level, direction: "down" };
}
