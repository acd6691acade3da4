/**
 * Fills as their own records. KIS's daily orders give each order's cumulative filled quantity and
 * amount, not single executions, so a fill here is the step between two cumulative totals the
 * journal learnt of; it is keyed by the KIS order date, order number and the cumulative quantity
 * after it, which only grows, so the same step can never be recorded twice.
 * @module
 */
import { z } from "zod";
import { type IsoDate, isSymbolCode, parseIsoDate, type SymbolCode } from "../krx/mod.ts";
import {
  KEYS,
  listPage,
  type Page,
  type PageRequest,
  PREFIXES,
  setChecked,
  type Store,
  whileKvBusy,
} from "../store/mod.ts";
import type { JournalOrder } from "./order_state.ts";

/** One fill of a journal order: shares and KRW added to its totals between two broker reads. */
export interface Fill {
  readonly accountId: string;
  readonly orderId: string;
  /** KIS order date (KST) and number of the order filled. */
  readonly date: IsoDate;
  readonly orderNo: string;
  readonly branchNo: string;
  readonly symbol: SymbolCode;
  readonly side: "buy" | "sell";
  readonly quantity: number;
  /** Integer KRW of this step (the change in the order's filled amount). */
  readonly amount: number;
  /** `amount / quantity`, rounded to the won. */
  readonly price: number;
  /** The order's filled quantity after this fill. */
  readonly cumulativeQuantity: number;
  /** When the journal learnt of it, epoch ms. */
  readonly recordedAt: number;
}

/** The schema fills are read back with. */
export const fillSchema: z.ZodType<Fill> = z.object({
  accountId: z.string().min(1),
  orderId: z.string().min(1),
  date: z.string().transform((s) => parseIsoDate(s)),
  orderNo: z.string().min(1),
  branchNo: z.string(),
  symbol: z.string().refine(isSymbolCode).transform((s) => s as SymbolCode),
  side: z.enum(["buy", "sell"]),
  quantity: z.int().positive(),
  amount: z.int().nonnegative(),
  price: z.int().nonnegative(),
  cumulativeQuantity: z.int().positive(),
  recordedAt: z.int(),
});

/**
 * The fill that moving `before` to `after` records, or null when the filled quantity did not grow.
 *
 * @example fillBetween(submitted, partiallyFilled, Date.now()) // { quantity: 10, … }
 */
export function fillBetween(before: JournalOrder, after: JournalOrder, at: number): Fill | null {
  if (!("filledQuantity" in after)) return null;
  const quantityBefore = "filledQuantity" in before ? before.filledQuantity : 0;
  const amountBefore = "filledAmount" in before ? before.filledAmount : 0;
  const quantity = after.filledQuantity - quantityBefore;
  if (quantity <= 0) return null;
  const amount = Math.max(0, after.filledAmount - amountBefore);
  return {
    accountId: after.accountId,
    orderId: after.id,
    date: after.ref.date,
    orderNo: after.ref.orderNo,
    branchNo: after.ref.branchNo,
    symbol: after.request.symbol,
    side: after.request.side,
    quantity,
    amount,
    price: Math.round(amount / quantity),
    cumulativeQuantity: after.filledQuantity,
    recordedAt: at,
  };
}

/**
 * Adds `fill` and its audit entry (`kind: "fill"`) to `op`, checking its key is new: the order's
 * change that revealed it commits with it or not at all.
 */
export function appendFill(store: Store, op: Deno.AtomicOperation, fill: Fill): void {
  const key = KEYS.fill(fill.accountId, fill.date, fill.orderNo, fill.cumulativeQuantity);
  setChecked(op.check({ key, versionstamp: null }), key, fill);
  store.audit.appendTo(op, {
    kind: "fill",
    action: fill.side,
    subject: fill.orderId,
    data: {
      symbol: fill.symbol,
      quantity: fill.quantity,
      amount: fill.amount,
      cumulativeQuantity: fill.cumulativeQuantity,
      orderNo: fill.orderNo,
      date: fill.date,
    },
  });
}

/**
 * A page of an account's fills, by KIS order date, order number and cumulative quantity; `date`
 * limits it to one KST day.
 */
export function listFills(
  store: Store,
  accountId: string,
  options: PageRequest & { readonly date?: IsoDate } = {},
): Promise<Page<Fill>> {
  const { date, ...request } = options;
  const prefix = date === undefined
    ? [...PREFIXES.fills, accountId]
    : [...PREFIXES.fills, accountId, date];
  return whileKvBusy(() => listPage(store.kv, { prefix }, fillSchema, request));
}

/** Every fill of an account on one KST day (all pages). */
export async function fillsOn(store: Store, accountId: string, date: IsoDate): Promise<Fill[]> {
  const fills: Fill[] = [];
  let cursor: string | null = null;
  do {
    const page: Page<Fill> = await listFills(store, accountId, { date, limit: 500, cursor });
    fills.push(...page.items);
    cursor = page.cursor;
  } while (cursor !== null);
  return fills;
}
