/**
 * `GET /api/v1/portfolio/equity`: the account's daily equity, day and cumulative PnL from its
 * stored reports (and today's from the live balance while today has no report), against the
 * KOSPI 200 ETF's closes, both normalised to 1.0 at their first common date.
 * @module
 */
import { createRoute, z } from "@hono/zod-openapi";
import { recentBalance } from "../../broker/mod.ts";
import { CachedBrokerBars } from "../../data/mod.ts";
import { isoDateToEpochDay, parseIsoDate, seoulDate } from "../../krx/mod.ts";
import {
  defaultEquityRange,
  EQUITY_DEFAULT_DAYS,
  EQUITY_MAX_DAYS,
  loadEquityHistory,
} from "../../report/mod.ts";
import { secured } from "../access.ts";
import { errorContent, jsonContent } from "../content.ts";
import type { ApiApp, ApiOptions } from "../context.ts";
import { ApiError } from "../errors.ts";
import { isoDateField } from "../fields.ts";
import { requireAccount, requireBroker, requireStore } from "../needs.ts";

const normalised = z.number().nullable().openapi({
  description: "The value over the base date's (1.0 there); null before the base date",
});

const historySchema = z.object({
  account: z.object({ id: z.string(), label: z.string() }),
  from: z.string(),
  to: z.string(),
  baseDate: z.string().nullable().openapi({
    description: "The first date both series have; null without any equity point",
  }),
  points: z.array(z.object({
    date: z.string(),
    equity: z.int(),
    dayPnl: z.int().openapi({ description: "After every fee and tax paid" }),
    cumulativePnl: z.int().openapi({ description: "Equity − capital" }),
    source: z.enum(["report", "live"]),
    normalised,
  })),
  liveReason: z.string().nullable().openapi({
    description: "Why today, in range and unreported, has no live point (the broker failed)",
  }),
  benchmark: z.object({
    symbol: z.string().openapi({ example: "069500" }),
    name: z.string().openapi({ example: "KODEX 200" }),
    points: z.array(z.object({ date: z.string(), close: z.number(), normalised })),
  }).nullable(),
  benchmarkReason: z.string().nullable().openapi({ description: "Why the benchmark is null" }),
}).openapi("EquityHistory");

const equityRoute = secured(
  "viewer",
  createRoute({
    method: "get",
    path: "/api/v1/portfolio/equity",
    tags: ["accounts"],
    summary: "Daily equity, day and cumulative PnL against the KOSPI 200 ETF",
    request: {
      query: z.strictObject({
        accountId: z.string().min(1).max(64).optional()
          .openapi({ param: { name: "accountId", in: "query" } }),
        from: isoDateField.optional().openapi({
          param: { name: "from", in: "query" },
          description: `Default: ${EQUITY_DEFAULT_DAYS - 1} days before \`to\``,
        }),
        to: isoDateField.optional().openapi({
          param: { name: "to", in: "query" },
          description: "Default: today (KST)",
        }),
      }),
    },
    responses: {
      200: { description: "The two series", content: jsonContent(historySchema) },
      400: {
        description: `A bad date, \`from\` after \`to\`, or more than ${EQUITY_MAX_DAYS} days`,
        content: errorContent,
      },
      404: { description: "No such account", content: errorContent },
      503: { description: "No store, broker or account configured", content: errorContent },
    },
  }),
);

/** Registers the equity history route. */
export function registerPortfolioEquityRoute(app: ApiApp, options: ApiOptions): void {
  app.openapi(equityRoute, async (c) => {
    const query = c.req.valid("query");
    const account = requireAccount(options, query.accountId, "query.accountId");
    const store = requireStore(options);
    const broker = requireBroker(options);
    const to = query.to === undefined ? seoulDate(store.now()) : parseIsoDate(query.to);
    const from = query.from === undefined ? defaultEquityRange(to).from : parseIsoDate(query.from);
    const days = isoDateToEpochDay(to) - isoDateToEpochDay(from) + 1;
    if (days < 1 || days > EQUITY_MAX_DAYS) {
      throw new ApiError(
        400,
        "validation_failed",
        `from must be within ${EQUITY_MAX_DAYS} days before to`,
        {
          details: [{
            field: "query.from",
            message: days < 1
              ? `${from} is after to (${to})`
              : `${days} days is over ${EQUITY_MAX_DAYS}`,
          }],
        },
      );
    }
    const history = await loadEquityHistory({
      store,
      accountId: account.id,
      balance: () => recentBalance(broker).balance,
      bars: new CachedBrokerBars({ broker, kv: store.kv, now: store.now }),
    }, { from, to });
    return c.json({ account: { id: account.id, label: account.label }, ...history }, 200);
  });
}
