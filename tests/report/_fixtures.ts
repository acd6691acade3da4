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

// The previous close: cash 4,000,000; A 50 × 60,000 (cost 3,000,000); B 10 × 300,000 (cost
// 3,000,000). Equity 10,000,000, which is also the capital.
//
// Today (2025-12-29, settling 2026-01-02, so the 2026 KOSPI sell tax of 0.20 % applies):
// - buy  C 20 × 45,000 = 900,000;   fee floor(900,000 × 0.00015 = 135)  = 135.
// - sell A 20 × 62,000 = 1,240,000; fee floor(1,240,000 × 0.00015 = 186) = 186;
//   tax floor(1,240,000 × 0.002 = 2,480) = 2,480 (at 2025's 0.15 % it would be 1,860).
//   realised = 1,240,000 − 186 − 2,480 − 20 × 60,000 = 37,334.
// Cash D+2 = 4,000,000 − 900,000 − 135 + 1,240,000 − 186 − 2,480 = 4,337,199.
// The close: A 30 × 61,000 = 1,830,000 (cost 1,800,000, +30,000), up;
//            B 10 × 290,000 = 2,900,000 (cost 3,000,000, −100,000), down;
//            C 20 × 45,500 = 910,000 (cost 900,000, +10,000).
// Holdings 5,640,000; equity 4,337,199 + 5,640,000 = 9,977,199.
// Day PnL 9,977,199 − 10,000,000 = −22,801
//   = realised 37,334 − buy fee 135 + unrealised change (−60,000 − 0).
/** The hand-worked day. */
export const handWorked: DailyReportInput = quietDay({
  balance: balance(4_337_199, [
    holding(A, "삼성전자", 30, 1_800_000, 61_000),
    holding(B, "SK하이닉스", 10, 3_000_000, 290_000),
    holding(C, "카카오", 20, 900_000, 45_500),
  ]),
  previousEquity: 10_000_000,
  capital: 10_000_000,
  orders: [
    { status: "filled" },
    { status: "filled" },
    { status: "cancelled" },
    { status: "rejected" },
  ],
  fills: [
    {
      side: "sell",
      time: "10:15:00",
      symbol: A,
      name: "삼성전자",
      quantity: 20,
      price: 62_000,
      market: "KOSPI",
      averageCost: 60_000,
    },
    {
      side: "buy",
      time: "09:05:30",
      symbol: C,
      name: "카카오",
      quantity: 20,
      price: 45_000,
      market: "KOSPI",
    },
  ],
  alerts: [stopLossTrigger("al-1", B, 291_000, 290_000, CLOSE - 3_600_000)],
});
