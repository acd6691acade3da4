/**
 * `/api/v1/orders/{id}/cancel` and `/revise`: cancels and revisions through the order journal,
 * once per `Idempotency-Key` as `POST /orders` places: the first request answers 201 with the
 * amendment (202 while KIS's answer is not known yet), a retry with the same key and body 200
 * with the same amendment (reconciled first when its answer was still unknown), the same key with
 * another body or order 422 `idempotency_key_reused`.
 * @module
 */
import { createRoute, z } from "@hono/zod-openapi";
import type { OrderRevision } from "../../broker/types.ts";
import {
  AmendmentKeyReusedError,
  type OrderAmendment,
  orderAmendmentSchema,
  OrderJournal,
  OrderNotAmendableError,
  OrderNotFoundError,
  readRiskLimits,
  type ReconcileOptions,
  RiskRejected,
} from "../../trading/mod.ts";
import { secured } from "../access.ts";
import { errorContent, jsonContent } from "../content.ts";
import type { ApiApp, ApiOptions } from "../context.ts";
import { ApiError } from "../errors.ts";
import { requireAccount, requireBroker, requireStore } from "../needs.ts";
import { riskApiError } from "../order_errors.ts";

const headers = z.object({
  "idempotency-key": z.string().min(1).max(200).openapi({
    param: { name: "idempotency-key", in: "header" },
    description: "Chosen by the caller and kept for its retries; one key sends one change",
    example: "web:cancel:0001",
  }),
});

const params = z.strictObject({
  id: z.string().min(1).max(64).openapi({ param: { name: "id", in: "path" } }),
});

const quantityField = z.int().positive().max(100_000_000);

const cancelBodySchema = z.strictObject({
  quantity: quantityField.optional()
    .openapi({ description: "Shares to cancel; default: all that is open" }),
}).openapi("CancelOrder");

const reviseBodySchema = z.strictObject({
  price: z.int().positive().max(100_000_000).optional()
    .openapi({ description: "New limit price in KRW on the tick grid; default: the order's" }),
  quantity: quantityField.optional()
    .openapi({ description: "Shares to revise; default: all that is open" }),
}).refine((body) => body.price !== undefined || body.quantity !== undefined, {
  message: "name a price, a quantity or both",
  path: ["price"],
}).openapi("ReviseOrder");

const amendmentBody = z.object({ amendment: orderAmendmentSchema });

const responses = {
  201: {
    description: "Sent, and KIS answered (its status says how)",
    content: jsonContent(amendmentBody),
  },
  202: {
    description: "Recorded; KIS's answer is not known yet (reconciliation settles it)",
    content: jsonContent(amendmentBody),
  },
  200: { description: "The key's change, asked before", content: jsonContent(amendmentBody) },
  400: {
    description: "A field or the Idempotency-Key header is missing or wrong",
    content: errorContent,
  },
  404: { description: "No such order", content: errorContent },
  409: {
    description: "`order_not_amendable` (filled, cancelled, not yet at KIS…) or `kill_switch`",
    content: errorContent,
  },
  422: { description: "`idempotency_key_reused`", content: errorContent },
  503: { description: "No store, broker or account configured", content: errorContent },
};

const cancelRoute = secured(
  "trader",
  createRoute({
    method: "post",
    path: "/api/v1/orders/{id}/cancel",
    tags: ["orders"],
    summary: "Cancel an order's open part, exactly once per Idempotency-Key",
    request: {
      headers,
      params,
      body: { required: false, content: jsonContent(cancelBodySchema) },
    },
    responses,
  }),
);

const reviseRoute = secured(
  "trader",
  createRoute({
    method: "post",
    path: "/api/v1/orders/{id}/revise",
    tags: ["orders"],
    summary: "Revise an order's price or quantity, exactly once per Idempotency-Key",
    request: {
      headers,
      params,
      body: { required: true, content: jsonContent(reviseBodySchema) },
    },
    responses,
  }),
);

/** Turns the journal's refusals of a cancel or revision into API errors. */
function amendmentApiError(error: unknown): unknown {
  if (error instanceof OrderNotFoundError) {
    return new ApiError(404, "not_found", `no order ${error.orderId}`);
  }
  if (error instanceof OrderNotAmendableError) {
    return new ApiError(409, "order_not_amendable", error.message);
  }
  if (error instanceof AmendmentKeyReusedError) {
    return new ApiError(
      422,
      "idempotency_key_reused",
      `this Idempotency-Key already asked amendment ${error.existing.id} with a different body`,
      { details: [{ field: "header.idempotency-key", message: "use a new key for a new change" }] },
    );
  }
  if (error instanceof RiskRejected) return riskApiError(error);
  return error;
}

const UNSETTLED = new Set<OrderAmendment["status"]>(["pending", "unknown"]);

/** 202 while KIS's answer is not known, 201 otherwise. */
function firstStatus(amendment: OrderAmendment): 201 | 202 {
  return UNSETTLED.has(amendment.status) ? 202 : 201;
}

/**
 * Asks for a change once per `key`, as `POST /orders` places: a replay whose change is still
 * unsettled reconciles first, and when that proves the change never reached KIS, asks again.
 */
async function amendOnce(
  journal: OrderJournal,
  key: string,
  amend: () => Promise<OrderAmendment>,
  reconcile: ReconcileOptions | undefined,
): Promise<{ amendment: OrderAmendment; status: 200 | 201 | 202 }> {
  const ask = () => amend().catch((error) => Promise.reject(amendmentApiError(error)));
  const before = await journal.amendmentByKey(key);
  let amendment = await ask();
  if (before === null || before.status === "not_sent") {
    return { amendment, status: firstStatus(amendment) };
  }
  if (UNSETTLED.has(amendment.status)) {
    await journal.reconcile(reconcile);
    amendment = (await journal.amendmentByKey(key)) ?? amendment;
    if (amendment.status === "not_sent") {
      const again = await ask();
      return { amendment: again, status: firstStatus(again) };
    }
  }
  return { amendment, status: 200 };
}

/** Registers the cancel and revise routes. */
export function registerOrderAmendmentRoutes(app: ApiApp, options: ApiOptions): void {
  const journalFor = async () => {
    const store = requireStore(options);
    return new OrderJournal({
      store,
      broker: requireBroker(options),
      accountId: requireAccount(options).id,
      limits: await readRiskLimits(store.kv),
      ...(options.metrics ? { observer: options.metrics.trading } : {}),
    });
  };

  app.openapi(cancelRoute, async (c) => {
    const journal = await journalFor();
    const { id } = c.req.valid("param");
    const idempotencyKey = c.req.valid("header")["idempotency-key"];
    const { quantity } = c.req.valid("json") ?? {};
    const by = c.get("principal")?.username;
    const { amendment, status } = await amendOnce(
      journal,
      idempotencyKey,
      () =>
        journal.cancelOrder(id, {
          idempotencyKey,
          by,
          ...(quantity === undefined ? {} : { quantity }),
        }),
      options.reconcile,
    );
    return c.json({ amendment }, status);
  });

  app.openapi(reviseRoute, async (c) => {
    const journal = await journalFor();
    const { id } = c.req.valid("param");
    const idempotencyKey = c.req.valid("header")["idempotency-key"];
    const body = c.req.valid("json");
    const order = await journal.get(id);
    if (order === null) throw new ApiError(404, "not_found", `no order ${id}`);
    const quantity = body.quantity === undefined ? {} : { quantity: body.quantity };
    const price = body.price ??
      (order.request.type === "limit" ? order.request.price : undefined);
    const revision: OrderRevision = price === undefined
      ? { type: "market", ...quantity }
      : { type: "limit", price, ...quantity };
    const by = c.get("principal")?.username;
    const { amendment, status } = await amendOnce(
      journal,
      idempotencyKey,
      () => journal.reviseOrder(id, { idempotencyKey, by, revision }),
      options.reconcile,
    );
    return c.json({ amendment }, status);
  });
}
