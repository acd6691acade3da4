import type { Balance, Holding } from "@/core/broker/mod.ts";
import { parseSymbolCode } from "@/core/krx/mod.ts";

/** A holding of `quantity` shares bought for `cost` and now worth `value`, in integer KRW. */
export function holding(
  code: string,
  name: string,
  quantity: number,
  cost: number,
  value: number,
): Holding {
  return {
    symbol: parseSymbolCode(code),
    name,
    quantity,
    orderableQuantity: quantity,
    averagePrice: quantity === 0 ? 0 : cost / quantity,
    purchaseAmount: cost,
    price: quantity === 0 ? 0 : value / quantity,
    evaluationAmount: value,
    profitLoss: value - cost,
  };
}

/** A balance of `holdings` and `deposit`, with the totals the broker would report for them. */
export function balanceOf(holdings: Holding[], deposit: number): Balance {
  const securitiesValue = holdings.reduce((sum, h) => sum + h.evaluationAmount, 0);
  const purchaseAmount = holdings.reduce((sum, h) => sum + h.purchaseAmount, 0);
  return {
    holdings,
    summary: {
      deposit,
      settledCashD2: deposit,
      securitiesValue,
      totalValue: deposit + securitiesValue,
      purchaseAmount,
      profitLoss: securitiesValue - purchaseAmount,
    },
  };
}
