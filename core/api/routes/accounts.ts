/**
 * `GET /api/v1/accounts`, `/accounts/{id}/summary` and `/portfolio`: the app's broker account and
 * what it holds, from the broker's balance as read at most 5 s before (shared with the dashboard,
 * so reads for display do not spend the broker's request budget that trading needs).
 * @module
 */
import { createRoute, z } from "@hono/zod-openapi";
import { secured } from "../access.ts";
import { errorContent, jsonContent } from "../content.ts";
import type { ApiApp, ApiOptions } from "../context.ts";
import { recentBalance } from "../../broker/mod.ts";
import { requireAccount, requireBroker } from "../needs.ts";
import { respondJson } from "../json_text.ts";
import { sharedPortfolioJson } from "../portfolio.ts";

const accountSchema = z.object({
  id: z.string().openapi({ example: "50123456-01" }),
  label: z.string().openapi({ example: "모의 시장" }),
  mode: z.enum(["demo", "kis"]).openapi({ description: "demo: the embedded simulator" }),
}).openapi("Account");

const summarySchema = z.object({
  deposit: z.int(),
  settledCashD2: z.int(),
  securitiesValue: z.int(),
  totalValue: z.int(),
  purchaseAmount: z.int(),
  profitLoss: z.int(),
}).openapi("AccountSummary");

const asOfSchema = z.int().openapi({
  description:
    "When the balance was read from the broker (epoch ms); at most 5 s before the request",
});

const portfolioSchema = z.object({
  account: accountSchema,
  asOf: asOfSchema,
  holdings: z.array(z.object({
    symbol: z.string(),
    name: z.string(),
    quantity: z.int(),
    averagePrice: z.number(),
    lastPrice: z.int(),
    value: z.int(),
    cost: z.int(),
    profitLoss: z.int(),
    profitLossBps: z.int(),
    weightBps: z.int().openapi({ description: "Share of equity in basis points" }),
  })),
  cash: z.object({ deposit: z.int(), settledD2: z.int() }),
  securitiesValue: z.int(),
  equity: z.int(),
  profitLoss: z.int(),
  allocation: z.array(z.object({ key: z.string(), value: z.int(), weightBps: z.int() })),
}).openapi("Portfolio");

const brokerErrors = {
  404: { description: "No such account", content: errorContent },
  502: { description: "The broker failed", content: errorContent },
  503: { description: "No broker or account configured", content: errorContent },
};

const listRoute = secured(
  "viewer",
  createRoute({
    method: "get",
    path: "/api/v1/accounts",
    tags: ["accounts"],
    summary: "The broker accounts the app trades (one)",
    responses: {
      200: {
        description: "The accounts",
        content: jsonContent(z.object({ items: z.array(accountSchema) })),
      },
      503: { description: "No account configured", content: errorContent },
    },
  }),
);

const summaryRoute = secured(
  "viewer",
  createRoute({
    method: "get",
    path: "/api/v1/accounts/{id}/summary",
    tags: ["accounts"],
    summary: "The account's totals from the broker",
    request: {
      params: z.strictObject({
        id: z.string().min(1).max(64).openapi({ param: { name: "id", in: "path" } }),
      }),
    },
    responses: {
      200: {
        description: "The totals",
        content: jsonContent(
          z.object({ account: accountSchema, asOf: asOfSchema, summary: summarySchema }),
        ),
      },
      ...brokerErrors,
    },
  }),
);

const portfolioRoute = secured(
  "viewer",
  createRoute({
    method: "get",
    path: "/api/v1/portfolio",
    tags: ["accounts"],
    summary: "Holdings with PnL and weights, cash, equity and allocation",
    request: {
      query: z.strictObject({
        accountId: z.string().min(1).max(64).optional()
          .openapi({ param: { name: "accountId", in: "query" } }),
      }),
    },
    responses: {
      200: { description: "The portfolio", content: jsonContent(portfolioSchema) },
      ...brokerErrors,
    },
  }),
);

/** Registers the account routes. */
export function registerAccountRoutes(app: ApiApp, options: ApiOptions): void {
  const describe = (id?: string, field?: string) => {
    const account = requireAccount(options, id, field);
    return { id: account.id, label: account.label, mode: options.mode ?? "kis" };
  };
  app.openapi(listRoute, (c) => c.json({ items: [describe()] }, 200));
  app.openapi(summaryRoute, async (c) => {
    const account = describe(c.req.valid("param").id, "path.id");
    const { balance, at } = recentBalance(requireBroker(options));
    return c.json({ account, asOf: at, summary: (await balance).summary }, 200);
  });
  app.openapi(portfolioRoute, async (c) => {
    const account = describe(c.req.valid("query").accountId, "query.accountId");
    const body = await sharedPortfolioJson(recentBalance(requireBroker(options)), account);
    return respondJson(c, body, 200);
  });
}
