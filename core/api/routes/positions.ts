/**
 * `/api/v1/positions`: the account's positions as the last sync stored them, and `POST
 * /positions/sync`, which reconciles the journal and replaces the snapshot with the broker's
 * balance.
 * @module
 */
import { createRoute, z } from "@hono/zod-openapi";
import { listPositions, OrderJournal, positionSchema, readRiskLimits } from "../../trading/mod.ts";
import { secured } from "../access.ts";
import { errorContent, jsonContent } from "../content.ts";
import type { ApiApp, ApiOptions } from "../context.ts";
import { requireAccount, requireBroker, requireStore } from "../needs.ts";
import { badCursor, pageQueryFields, pageSchema } from "../paging.ts";

const syncedAtField = z.int().nullable().openapi({
  description: "When the stored snapshot was read from the broker (epoch ms); null when none is",
});

const listBody = pageSchema(positionSchema).extend({ syncedAt: syncedAtField });

const syncBody = z.object({
  positions: z.array(positionSchema),
  closed: z.array(z.string()).openapi({ description: "Symbols no longer held, removed" }),
  syncedAt: z.int(),
});

const listRoute = secured(
  "viewer",
  createRoute({
    method: "get",
    path: "/api/v1/positions",
    tags: ["orders"],
    summary: "The stored positions snapshot, by symbol, with its sync time",
    request: { query: z.strictObject(pageQueryFields) },
    responses: {
      200: { description: "A page of positions", content: jsonContent(listBody) },
      400: { description: "A bad cursor", content: errorContent },
      503: { description: "No store or account configured", content: errorContent },
    },
  }),
);

const syncRoute = secured(
  "trader",
  createRoute({
    method: "post",
    path: "/api/v1/positions/sync",
    tags: ["orders"],
    summary: "Reconcile the journal and store the broker's holdings as the positions",
    responses: {
      200: { description: "The new snapshot", content: jsonContent(syncBody) },
      502: { description: "The broker failed", content: errorContent },
      503: { description: "No store, broker or account configured", content: errorContent },
    },
  }),
);

/** Registers the positions routes. */
export function registerPositionRoutes(app: ApiApp, options: ApiOptions): void {
  app.openapi(listRoute, async (c) => {
    const store = requireStore(options);
    const account = requireAccount(options);
    const query = c.req.valid("query");
    const page = await listPositions(store, account.id, {
      limit: query.limit,
      cursor: query.cursor,
    }).catch(badCursor);
    // one sync writes every position with the same time
    const syncedAt = page.items[0]?.syncedAt ?? null;
    return c.json({ items: page.items, nextCursor: page.cursor, syncedAt }, 200);
  });

  app.openapi(syncRoute, async (c) => {
    const store = requireStore(options);
    const journal = new OrderJournal({
      store,
      broker: requireBroker(options),
      accountId: requireAccount(options).id,
      limits: await readRiskLimits(store.kv),
      ...(options.metrics ? { observer: options.metrics.trading } : {}),
    });
    const sync = await journal.syncPositions(options.reconcile);
    return c.json({
      positions: [...sync.positions],
      closed: [...sync.closed],
      syncedAt: sync.positions[0]?.syncedAt ?? store.now(),
    }, 200);
  });
}
