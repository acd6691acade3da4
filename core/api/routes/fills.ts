/**
 * `GET /api/v1/fills`: the account's fills as the journal recorded them, by KIS order date,
 * filtered by symbol and KST date, cursor paged.
 * @module
 */
import { createRoute, z } from "@hono/zod-openapi";
import { parseIsoDate } from "../../krx/mod.ts";
import type { PageRequest } from "../../store/mod.ts";
import { type Fill, fillSchema, listFills } from "../../trading/mod.ts";
import { secured } from "../access.ts";
import { errorContent, jsonContent } from "../content.ts";
import type { ApiApp, ApiOptions } from "../context.ts";
import { isoDateField, symbolField } from "../fields.ts";
import { requireAccount, requireStore } from "../needs.ts";
import { badCursor, filteredPage, pageBody, pageQueryFields, pageSchema } from "../paging.ts";

const listRoute = secured(
  "viewer",
  createRoute({
    method: "get",
    path: "/api/v1/fills",
    tags: ["orders"],
    summary: "The account's fills, oldest KIS order date first, by symbol and KST date",
    request: {
      query: z.strictObject({
        accountId: z.string().min(1).optional()
          .openapi({
            param: { name: "accountId", in: "query" },
            description: "Default: the app's",
          }),
        symbol: symbolField.optional().openapi({ param: { name: "symbol", in: "query" } }),
        date: isoDateField.optional().openapi({ param: { name: "date", in: "query" } }),
        from: isoDateField.optional().openapi({ param: { name: "from", in: "query" } }),
        to: isoDateField.optional().openapi({ param: { name: "to", in: "query" } }),
        ...pageQueryFields,
      }),
    },
    responses: {
      200: { description: "A page of fills", content: jsonContent(pageSchema(fillSchema)) },
      400: { description: "A bad filter or cursor", content: errorContent },
      404: { description: "No such account", content: errorContent },
      503: { description: "No store or account configured", content: errorContent },
    },
  }),
);

/** Registers `GET /fills`. */
export function registerFillRoutes(app: ApiApp, options: ApiOptions): void {
  app.openapi(listRoute, async (c) => {
    const store = requireStore(options);
    const query = c.req.valid("query");
    const account = requireAccount(options, query.accountId, "query.accountId");
    const date = query.date === undefined ? undefined : parseIsoDate(query.date);
    const from = query.from === undefined ? undefined : parseIsoDate(query.from);
    const to = query.to === undefined ? undefined : parseIsoDate(query.to);
    const keep = (fill: Fill) =>
      (query.symbol === undefined || fill.symbol === query.symbol) &&
      (from === undefined || fill.date >= from) && (to === undefined || fill.date <= to);
    const read = (request: PageRequest) =>
      listFills(store, account.id, date === undefined ? request : { ...request, date });
    const page = await filteredPage(read, keep, {
      limit: query.limit,
      cursor: query.cursor ?? null,
    }).catch(badCursor);
    return c.json(pageBody(page), 200);
  });
}
