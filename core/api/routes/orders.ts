/**
 * `/api/v1/orders`: the order journal of the app's account. `POST` places an order exactly once
 * per `Idempotency-Key`: the first request answers 201, a retry with the same key and body 200
 * with the same order (reconciled with the broker when its outcome was still open), the same key
 * with another body 422 `idempotency_key_reused`. Risk refusals map as `order_errors.ts` says.
 * @module
 */
import { createRoute, z } from "@hono/zod-openapi";
import type { OrderRequest } from "../../broker/types.ts";
import { parseIsoDate, seoulDate, type SymbolCode } from "../../krx/mod.ts";
import { listPage, type PageRequest, PREFIXES } from "../../store/mod.ts";
import {
  IdempotencyKeyReusedError,
  type JournalOrder,
  journalOrderSchema,
  ORDER_STATUSES,
  type OrderIntent,
  OrderJournal,
  OrderRepository,
  readRiskLimits,
  RiskRejected,
} from "../../trading/mod.ts";
import { secured } from "../access.ts";
import { errorContent, jsonContent } from "../content.ts";
import type { ApiApp, ApiOptions } from "../context.ts";
import { ApiError } from "../errors.ts";
import { isoDateField, symbolField } from "../fields.ts";
import { requireAccount, requireBroker, requireStore } from "../needs.ts";
import { reusedKeyApiError, riskApiError } from "../order_errors.ts";
import { badCursor, filteredPage, pageBody, pageQueryFields, pageSchema } from "../paging.ts";

/** A journal order: its request, its state and, once KIS accepted it, its KIS order number. */
const orderSchema = journalOrderSchema;

const placeBodySchema = z.strictObject({
  accountId: z.string().min(1).optional()
    .openapi({ description: "Default: the app's account" }),
  symbol: symbolField,
  side: z.enum(["buy", "sell"]),
  quantity: z.int().positive().max(100_000_000),
  type: z.enum(["limit", "market"]),
  price: z.int().positive().max(100_000_000).optional()
    .openapi({ description: "KRW on the tick grid; required for limit, refused for market" }),
}).superRefine((body, ctx) => {
  if (body.type === "limit" && body.price === undefined) {
    ctx.addIssue({ code: "custom", path: ["price"], message: "a limit order needs a price" });
  }
  if (body.type === "market" && body.price !== undefined) {
    ctx.addIssue({ code: "custom", path: ["price"], message: "a market order takes no price" });
  }
}).openapi("PlaceOrder");

const idempotencyHeaders = z.object({
  "idempotency-key": z.string().min(1).max(200).openapi({
    param: { name: "idempotency-key", in: "header" },
    description: "Chosen by the caller and kept for its retries; one key places one order",
    example: "web:2026-11-27:0001",
  }),
});

const orderBody = z.object({ order: orderSchema });
const orderIdParams = z.strictObject({
  id: z.string().min(1).max(64).openapi({ param: { name: "id", in: "path" } }),
});

const placeErrors = {
  400: {
    description: "A field or the Idempotency-Key header is missing or wrong",
    content: errorContent,
  },
  404: { description: "No such account or symbol", content: errorContent },
  409: {
    description: "Refused for now: `kill_switch`, `market_closed`, `risk_limit` (open or daily)",
    content: errorContent,
  },
  422: {
    description:
      "Refused for good: `idempotency_key_reused`, `invalid_price`, `invalid_quantity`, `insufficient_cash`, `risk_limit`",
    content: errorContent,
  },
  502: { description: "The broker failed while the order was checked", content: errorContent },
  503: { description: "No store, broker or account configured", content: errorContent },
};

const placeRoute = secured(
  "trader",
  createRoute({
    method: "post",
    path: "/api/v1/orders",
    tags: ["orders"],
    summary: "Place an order, exactly once per Idempotency-Key",
    request: {
      headers: idempotencyHeaders,
      body: { required: true, content: jsonContent(placeBodySchema) },
    },
    responses: {
      201: { description: "Placed (its status says how far)", content: jsonContent(orderBody) },
      200: { description: "The key's order, placed before", content: jsonContent(orderBody) },
      ...placeErrors,
    },
  }),
);

const listRoute = secured(
  "viewer",
  createRoute({
    method: "get",
    path: "/api/v1/orders",
    tags: ["orders"],
    summary: "The account's orders, oldest first, filtered by status, symbol and KST date",
    request: {
      query: z.strictObject({
        status: z.enum(ORDER_STATUSES).optional()
          .openapi({ param: { name: "status", in: "query" } }),
        symbol: symbolField.optional().openapi({ param: { name: "symbol", in: "query" } }),
        from: isoDateField.optional().openapi({ param: { name: "from", in: "query" } }),
        to: isoDateField.optional().openapi({ param: { name: "to", in: "query" } }),
        ...pageQueryFields,
      }),
    },
    responses: {
      200: { description: "A page of orders", content: jsonContent(pageSchema(orderSchema)) },
      400: { description: "A bad filter or cursor", content: errorContent },
      503: { description: "No store or account configured", content: errorContent },
    },
  }),
);

const getRoute = secured(
  "viewer",
  createRoute({
    method: "get",
    path: "/api/v1/orders/{id}",
    tags: ["orders"],
    summary: "One order",
    request: { params: orderIdParams },
    responses: {
      200: { description: "The order", content: jsonContent(orderBody) },
      404: { description: "No such order", content: errorContent },
      503: { description: "No store or account configured", content: errorContent },
    },
  }),
);

/** The order request the journal takes from a validated body. */
function requestOf(body: z.infer<typeof placeBodySchema>): OrderRequest {
  const common = { side: body.side, symbol: body.symbol as SymbolCode, quantity: body.quantity };
  return body.type === "limit"
    ? { type: "limit", ...common, price: body.price! }
    : { type: "market", ...common };
}

/** Places `intent`, turning the journal's refusals into API errors. */
async function placeOrRefuse(journal: OrderJournal, intent: OrderIntent): Promise<JournalOrder> {
  try {
    return await journal.placeOrder(intent);
  } catch (error) {
    if (error instanceof RiskRejected) throw riskApiError(error);
    if (error instanceof IdempotencyKeyReusedError) throw reusedKeyApiError(error);
    throw error;
  }
}

const UNRESOLVED = new Set<JournalOrder["status"]>(["intent", "unknown"]);

/** Registers the order routes. */
export function registerOrderRoutes(app: ApiApp, options: ApiOptions): void {
  app.openapi(placeRoute, async (c) => {
    const store = requireStore(options);
    const body = c.req.valid("json");
    const account = requireAccount(options, body.accountId, "body.accountId");
    const key = c.req.valid("header")["idempotency-key"];
    const journal = new OrderJournal({
      store,
      broker: requireBroker(options),
      accountId: account.id,
      limits: await readRiskLimits(store.kv),
      ...(options.metrics ? { observer: options.metrics.trading } : {}),
    });
    const before = await journal.byIdempotencyKey(key);
    const intent = {
      idempotencyKey: key,
      order: requestOf(body),
      by: c.get("principal")?.username,
    };
    let order = await placeOrRefuse(journal, intent);
    if (before === null || before.status === "not_sent") return c.json({ order }, 201);
    if (UNRESOLVED.has(order.status)) {
      // the first attempt's process stopped before it learnt the broker's answer
      await journal.reconcile(options.reconcile);
      order = (await journal.get(order.id)) ?? order;
      // reconciliation proved it never reached the broker: this request places it
      if (order.status === "not_sent") {
        return c.json({ order: await placeOrRefuse(journal, intent) }, 201);
      }
    }
    return c.json({ order }, 200);
  });

  app.openapi(listRoute, async (c) => {
    const store = requireStore(options);
    const account = requireAccount(options);
    const query = c.req.valid("query");
    const from = query.from === undefined ? undefined : parseIsoDate(query.from);
    const to = query.to === undefined ? undefined : parseIsoDate(query.to);
    const keep = (order: JournalOrder) => {
      const day = seoulDate(order.createdAt);
      return (query.symbol === undefined || order.request.symbol === query.symbol) &&
        (from === undefined || day >= from) && (to === undefined || day <= to);
    };
    const orders = new OrderRepository(store, account.id);
    const status = query.status;
    const read = (request: PageRequest) =>
      status === undefined
        ? listPage(store.kv, { prefix: [...PREFIXES.orders, account.id] }, orderSchema, request)
        : orders.listByStatus(status, request);
    const page = await filteredPage(read, keep, {
      limit: query.limit,
      cursor: query.cursor ?? null,
    }).catch(badCursor);
    return c.json(pageBody(page), 200);
  });

  app.openapi(getRoute, async (c) => {
    const store = requireStore(options);
    const account = requireAccount(options);
    const { id } = c.req.valid("param");
    const stored = await new OrderRepository(store, account.id).get(id);
    if (stored === null) throw new ApiError(404, "not_found", `no order ${id}`);
    return c.json({ order: stored.order }, 200);
  });
}
