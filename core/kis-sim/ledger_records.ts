import { z } from "zod";
import { parseIsoDate } from "../krx/mod.ts";
import { SimAccount } from "./accounts.ts";
import type { SimMarket } from "./market.ts";
import type { SimOrder } from "./orders.ts";

const won = z.number().int().safe();
const count = z.number().int().min(0).safe();
const isoDate = z.string().transform((text, ctx) => {
  try {
    return parseIsoDate(text);
  } catch {
    ctx.addIssue({ code: "custom", message: `not a date: ${text}` });
    return z.NEVER;
  }
});

/** The ledger's head: the next order number and the market date it was written on. */
export const metaRecord = z.object({ nextOdno: z.number().int().positive().safe(), date: isoDate });

/** One account as the ledger stores it. */
export const accountRecord = z.object({
  id: z.string(),
  htsId: z.string(),
  name: z.string(),
  deposit: won,
  settlements: z.array(z.object({ date: isoDate, amount: won })),
  holdings: z.array(z.object({
    code: z.string(),
    qty: count,
    cost: won,
    todayBuyQty: count,
    todaySellQty: count,
    previousBuyQty: count,
    previousSellQty: count,
  })),
});

/** One journal row as the ledger stores it; its fills are rows of their own. */
export const orderRecord = z.object({
  odno: z.string().regex(/^\d{10}$/),
  orgNo: z.string(),
  accountId: z.string(),
  code: z.string(),
  route: z.enum(["KRX", "NXT", "SOR"]),
  venue: z.enum(["KRX", "NXT"]),
  side: z.enum(["buy", "sell"]),
  type: z.enum(["limit", "market"]),
  price: won,
  reservePrice: won,
  qty: count,
  date: isoDate,
  orderedAt: z.number().int(),
  action: z.enum(["new", "revise", "cancel"]),
  originalOdno: z.string().nullable(),
  remaining: count,
  filledQty: count,
  filledAmount: won,
  cancelledQty: count,
});

/** One execution; its key names the order and its place among the order's fills. */
export const fillRecord = z.object({ qty: count, price: won, at: z.number().int() });

/** The stored form of an account. */
export function accountToRecord(account: SimAccount): z.input<typeof accountRecord> {
  return {
    id: account.id,
    htsId: account.htsId,
    name: account.name,
    deposit: account.deposit,
    settlements: account.settlements.map((s) => ({ ...s })),
    holdings: [...account.holdings.values()].map((h) => ({ ...h })),
  };
}

/** The account a stored record describes. */
export function accountFromRecord(record: z.output<typeof accountRecord>): SimAccount {
  const account = new SimAccount(record.id, record.htsId, record.name, 0);
  account.deposit = record.deposit;
  account.settlements = record.settlements;
  for (const holding of record.holdings) account.holdings.set(holding.code, holding);
  return account;
}

/** The stored form of a journal row, without its fills. */
export function orderToRecord(order: SimOrder): z.input<typeof orderRecord> {
  const { symbol, fills: _fills, orderedAt, ...fields } = order;
  return { ...fields, code: symbol.code, orderedAt: orderedAt.getTime() };
}

/** The journal row a stored record and its fills describe, on `market`'s symbols. */
export function orderFromRecord(
  record: z.output<typeof orderRecord>,
  fills: readonly z.output<typeof fillRecord>[],
  market: SimMarket,
): SimOrder {
  const { code, orderedAt, ...fields } = record;
  const symbol = market.symbol(code);
  if (!symbol) throw new RangeError(`the ledger's order ${record.odno} names unlisted ${code}`);
  return {
    ...fields,
    symbol,
    orderedAt: new Date(orderedAt),
    fills: fills.map((f) => ({ qty: f.qty, price: f.price, at: new Date(f.at) })),
  };
}
