/**
 * The orders page's rows: the journal of one account, newest first, all statuses or one, a page
 * at a time with a cursor.
 * @module
 */
import type { Side } from "../../broker/mod.ts";
import { listPage, PREFIXES, type Store, whileKvBusy } from "../../store/mod.ts";
import {
  type JournalOrder,
  journalOrderSchema,
  ORDER_STATUSES,
  OrderRepository,
  type OrderStatus,
} from "../../trading/mod.ts";

/** One order as the dashboard lists it; money in integer KRW, times epoch ms. */
export interface OrderRow {
  readonly id: string;
  readonly createdAt: number;
  readonly symbol: string;
  readonly side: Side;
  readonly type: "limit" | "market";
  readonly quantity: number;
  /** The limit price; null for a market order. */
  readonly price: number | null;
  readonly status: OrderStatus;
  readonly filledQuantity: number;
  /** KIS's `branch-number` once the broker accepted it, else null. */
  readonly kisOrderNo: string | null;
  /** Why it was rejected, not sent or is unknown; null otherwise. */
  readonly note: string | null;
}

/** A page of {@link OrderRow}s and the cursor of the next page (null on the last). */
export interface OrdersView {
  readonly status: OrderStatus | null;
  readonly rows: readonly OrderRow[];
  readonly cursor: string | null;
}

/** What the orders page asks for. */
export interface OrdersQuery {
  /** One status, or every order when null. */
  readonly status?: OrderStatus | null;
  readonly cursor?: string | null;
  /** Rows per page (default 50). */
  readonly limit?: number;
}

/** A status named in a query string, or null for anything else (every status). */
export function parseOrderStatus(value: string | null): OrderStatus | null {
  return (ORDER_STATUSES as readonly string[]).includes(value ?? "") ? value as OrderStatus : null;
}

/** The dashboard's row of a journal order. */
export function orderRow(order: JournalOrder): OrderRow {
  const request = order.request;
  return {
    id: order.id,
    createdAt: order.createdAt,
    symbol: request.symbol,
    side: request.side,
    type: request.type,
    quantity: request.quantity,
    price: request.type === "limit" ? request.price : null,
    status: order.status,
    filledQuantity: "filledQuantity" in order ? order.filledQuantity : 0,
    kisOrderNo: "ref" in order ? `${order.ref.branchNo}-${order.ref.orderNo}` : null,
    note: "reason" in order ? order.reason : "error" in order ? order.error : null,
  };
}

/**
 * A page of `accountId`'s journal, newest first: every order through the order keys, or one
 * status through its index.
 */
export async function loadOrders(
  store: Store,
  accountId: string,
  query: OrdersQuery = {},
): Promise<OrdersView> {
  const status = query.status ?? null;
  const request = { limit: query.limit ?? 50, cursor: query.cursor ?? null, reverse: true };
  const page = status === null
    ? await whileKvBusy(() =>
      listPage(store.kv, { prefix: [...PREFIXES.orders, accountId] }, journalOrderSchema, request)
    )
    : await new OrderRepository(store, accountId).listByStatus(status, request);
  return { status, rows: page.items.map(orderRow), cursor: page.cursor };
}
