/**
 * `GET /api/v1/quotes/{symbol}` and `/quotes/{symbol}/chart`: a current price and daily bars from
 * the injected broker. Broker failures map to statuses in `errors.ts`.
 * @module
 */
import { createRoute, z } from "@hono/zod-openapi";
import { parseIsoDate, type SymbolCode } from "../../krx/mod.ts";
import { secured } from "../access.ts";
import type { ApiApp, ApiOptions } from "../context.ts";
import { ApiError } from "../errors.ts";
import { requireBroker } from "../needs.ts";
import { isoDateField, ohlcvFields, symbolField } from "../fields.ts";
import { brokerFailureAnswers, errorContent, jsonContent } from "../content.ts";

const brokerErrors = {
  404: { description: "No such symbol at the broker", content: errorContent },
  ...brokerFailureAnswers,
};

const symbolParams = z.strictObject({
  symbol: symbolField.openapi({ param: { name: "symbol", in: "path" } }),
});

const quoteSchema = z.object({
  symbol: z.string(),
  price: z.int(),
  change: z.int(),
  direction: z.enum(["upper_limit", "up", "flat", "lower_limit", "down"]),
  changeRate: z.number(),
  open: z.int(),
  high: z.int(),
  low: z.int(),
  volume: z.int(),
  tradedValue: z.number(),
  upperLimit: z.int(),
  lowerLimit: z.int(),
  basePrice: z.int(),
  tickSize: z.int(),
  halted: z.boolean(),
}).openapi("Quote");

const barSchema = z.object({ date: z.string(), ...ohlcvFields, tradedValue: z.number() })
  .openapi("DailyBar");

const quoteRoute = secured(
  "viewer",
  createRoute({
    method: "get",
    path: "/api/v1/quotes/{symbol}",
    tags: ["quotes"],
    summary: "The current price of one symbol on KRX",
    request: { params: symbolParams },
    responses: {
      200: { description: "The quote", content: jsonContent(quoteSchema) },
      400: { description: "The symbol is not a KRX code", content: errorContent },
      ...brokerErrors,
    },
  }),
);

const chartRoute = secured(
  "viewer",
  createRoute({
    method: "get",
    path: "/api/v1/quotes/{symbol}/chart",
    tags: ["quotes"],
    summary: "Daily bars of one symbol between two dates, oldest first",
    request: {
      params: symbolParams,
      query: z.strictObject({
        from: isoDateField.openapi({ param: { name: "from", in: "query" }, example: "2026-01-02" }),
        to: isoDateField.openapi({ param: { name: "to", in: "query" }, example: "2026-03-31" }),
      }),
    },
    responses: {
      200: {
        description: "The bars",
        content: jsonContent(z.object({ symbol: z.string(), bars: z.array(barSchema) })),
      },
      400: { description: "A bad symbol or date; `details` names it", content: errorContent },
      ...brokerErrors,
    },
  }),
);

/** Registers the quote routes, answering 503 while no broker is configured. */
export function registerQuoteRoutes(app: ApiApp, options: ApiOptions): void {
  app.openapi(quoteRoute, async (c) => {
    const { symbol } = c.req.valid("param");
    return c.json(await requireBroker(options).getQuote(symbol as SymbolCode), 200);
  });
  app.openapi(chartRoute, async (c) => {
    const { symbol } = c.req.valid("param");
    const query = c.req.valid("query");
    const from = parseIsoDate(query.from);
    const to = parseIsoDate(query.to);
    if (from > to) {
      throw new ApiError(400, "validation_failed", "from must not be after to", {
        details: [{ field: "query.from", message: `${from} is after to (${to})` }],
      });
    }
    const bars = await requireBroker(options).getDailyBars(symbol as SymbolCode, { from, to });
    return c.json({ symbol, bars }, 200);
  });
}
