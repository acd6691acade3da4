/**
 * `/api/v1/alerts`: the account's price alerts and their trigger history. Reads are for viewers,
 * changes for traders; every change is versioned (`version`, `ETag`, `If-Match`, see
 * `versions.ts`) and audited by the alert repository.
 * @module
 */
import { createRoute, z } from "@hono/zod-openapi";
import type { Context } from "hono";
import {
  type Alert,
  alertActionSchema,
  type AlertRuleInput,
  alertRuleInputSchema,
  alertSchema,
  AlertValidationError,
  type PositionContext,
} from "../../alerts/mod.ts";
import {
  AlertNotFoundError,
  AlertRepository,
  alertTriggerRecordSchema,
} from "../../alerts/repository.ts";
import type { SymbolCode } from "../../krx/mod.ts";
import { secured } from "../access.ts";
import { errorContent, jsonContent } from "../content.ts";
import type { ApiApp, ApiOptions } from "../context.ts";
import { ApiError, issueExtras } from "../errors.ts";
import { symbolField } from "../fields.ts";
import { requireAccount, requireStore } from "../needs.ts";
import { badCursor, pageBody, pageQueryFields, pageSchema } from "../paging.ts";
import { conflictApiError, ifMatchHeaders, setEtag, versionFromIfMatch } from "../versions.ts";

const versionedAlert = z.object({
  alert: alertSchema,
  version: z.string().openapi({ description: "Send back as If-Match to change this version only" }),
});

const idParams = z.strictObject({
  id: z.string().min(1).max(64).openapi({ param: { name: "id", in: "path" } }),
});

const createBody = z.strictObject({
  accountId: z.string().min(1).optional().openapi({ description: "Default: the app's account" }),
  symbol: symbolField,
  rule: alertRuleInputSchema,
  action: alertActionSchema.optional(),
}).openapi("AlertDraft");

const changeBody = z.strictObject({
  rule: alertRuleInputSchema.optional(),
  action: alertActionSchema.optional(),
}).refine((body) => body.rule !== undefined || body.action !== undefined, {
  message: "send rule, action or both",
}).openapi("AlertChange");

const readErrors = {
  404: { description: "No such alert", content: errorContent },
  503: { description: "No store or account configured", content: errorContent },
};
const writeErrors = {
  ...readErrors,
  400: { description: "A field is missing or wrong", content: errorContent },
  409: { description: "The alert changed since If-Match", content: errorContent },
  422: {
    description: "`alert_invalid`: a triggered alert, or a rule the position cannot resolve",
    content: errorContent,
  },
};
const versioned = {
  description: "The alert and its version (also the ETag)",
  content: jsonContent(versionedAlert),
};

const listRoute = secured(
  "viewer",
  createRoute({
    method: "get",
    path: "/api/v1/alerts",
    tags: ["alerts"],
    summary: "The account's alerts, oldest first",
    request: { query: z.strictObject(pageQueryFields) },
    responses: {
      200: { description: "A page of alerts", content: jsonContent(pageSchema(alertSchema)) },
      400: { description: "A bad cursor or limit", content: errorContent },
      503: readErrors[503],
    },
  }),
);

const historyRoute = secured(
  "viewer",
  createRoute({
    method: "get",
    path: "/api/v1/alerts/history",
    tags: ["alerts"],
    summary: "The alerts that fired: price, level and time of each trigger",
    request: { query: z.strictObject(pageQueryFields) },
    responses: {
      200: {
        description: "A page of triggers, by alert",
        content: jsonContent(pageSchema(alertTriggerRecordSchema)),
      },
      400: { description: "A bad cursor or limit", content: errorContent },
      503: readErrors[503],
    },
  }),
);

const createAlertRoute = secured(
  "trader",
  createRoute({
    method: "post",
    path: "/api/v1/alerts",
    tags: ["alerts"],
    summary: "Create an active alert",
    request: { body: { required: true, content: jsonContent(createBody) } },
    responses: { 201: versioned, ...writeErrors },
  }),
);

const getRoute = secured(
  "viewer",
  createRoute({
    method: "get",
    path: "/api/v1/alerts/{id}",
    tags: ["alerts"],
    summary: "One alert with its version",
    request: { params: idParams },
    responses: { 200: versioned, ...readErrors },
  }),
);

const patchRoute = secured(
  "trader",
  createRoute({
    method: "patch",
    path: "/api/v1/alerts/{id}",
    tags: ["alerts"],
    summary: "Change an alert's rule and/or action",
    request: {
      params: idParams,
      headers: ifMatchHeaders,
      body: { required: true, content: jsonContent(changeBody) },
    },
    responses: { 200: versioned, ...writeErrors },
  }),
);

const deleteRoute = secured(
  "trader",
  createRoute({
    method: "delete",
    path: "/api/v1/alerts/{id}",
    tags: ["alerts"],
    summary: "Delete an alert (its trigger, if any, stays in the history)",
    request: { params: idParams, headers: ifMatchHeaders },
    responses: {
      200: {
        description: "Deleted",
        content: jsonContent(z.object({ id: z.string(), deleted: z.literal(true) })),
      },
      ...writeErrors,
    },
  }),
);

function toggleRoute(action: "enable" | "disable") {
  return secured(
    "trader",
    createRoute({
      method: "post",
      path: `/api/v1/alerts/{id}/${action}`,
      tags: ["alerts"],
      summary: action === "enable" ? "Re-enable a disabled alert" : "Disable an alert",
      request: { params: idParams, headers: ifMatchHeaders },
      responses: { 200: versioned, ...writeErrors },
    }),
  );
}

/** The alert-module error as the API's 422 (field paths under `body.`), 404 or 409. */
function alertApiError(error: unknown, id?: string): unknown {
  if (error instanceof AlertValidationError) {
    return new ApiError(422, "alert_invalid", error.message, {
      details: error.issues.map((i) => ({
        field: `body.${i.path}`,
        message: i.message,
        ...(i.cause ? issueExtras(i.cause) : i.code ? { issue: i.code } : {}),
      })),
    });
  }
  if (error instanceof AlertNotFoundError) {
    return new ApiError(404, "not_found", `no alert ${id}`);
  }
  return conflictApiError(error, `alert ${id}`);
}

/** Registers the alert routes. */
export function registerAlertRoutes(app: ApiApp, options: ApiOptions): void {
  const parts = () => ({
    alerts: new AlertRepository(requireStore(options)),
    account: requireAccount(options).id,
  });
  /** The stored alert with its version, answered with its ETag. */
  const answer = async (
    c: Context,
    alerts: AlertRepository,
    account: string,
    id: string,
  ) => {
    const stored = await alerts.get(account, id);
    if (stored === null) throw new ApiError(404, "not_found", `no alert ${id}`);
    setEtag(c, stored.versionstamp);
    return { alert: stored.alert, version: stored.versionstamp };
  };
  /** What a percentage or trailing rule resolves against: the held cost and the last price. */
  const positionOf = async (symbol: SymbolCode, rule: AlertRuleInput | undefined) => {
    const broker = options.broker;
    const position: { averageCost?: number; lastPrice?: number } = {};
    if (broker === undefined || rule === undefined) return position;
    if ("trigger" in rule && rule.trigger.basis === "average_cost") {
      const holding = (await broker.getBalance()).holdings.find((h) => h.symbol === symbol);
      if (holding !== undefined && holding.quantity > 0) {
        position.averageCost = holding.averagePrice;
      }
    }
    if (rule.kind === "trailing_stop") position.lastPrice = (await broker.getQuote(symbol)).price;
    return position satisfies PositionContext;
  };
  app.openapi(listRoute, async (c) => {
    const { alerts, account } = parts();
    const { cursor, limit } = c.req.valid("query");
    const page = await alerts.listByAccount(account, { cursor, limit }).catch(badCursor);
    return c.json(pageBody<Alert>(page), 200);
  });
  app.openapi(historyRoute, async (c) => {
    const { alerts, account } = parts();
    const { cursor, limit } = c.req.valid("query");
    return c.json(
      pageBody(await alerts.triggers(account, { cursor, limit }).catch(badCursor)),
      200,
    );
  });
  app.openapi(createAlertRoute, async (c) => {
    const { alerts } = parts();
    const body = c.req.valid("json");
    const account = requireAccount(options, body.accountId, "body.accountId").id;
    const symbol = body.symbol as SymbolCode;
    const draft = { account, symbol, rule: body.rule, action: body.action };
    const alert = await alerts.create(draft, await positionOf(symbol, body.rule)).catch((error) => {
      throw alertApiError(error);
    });
    return c.json(await answer(c, alerts, account, alert.id), 201);
  });
  app.openapi(getRoute, async (c) => {
    const { alerts, account } = parts();
    return c.json(await answer(c, alerts, account, c.req.valid("param").id), 200);
  });
  app.openapi(patchRoute, async (c) => {
    const { alerts, account } = parts();
    const { id } = c.req.valid("param");
    const changes = c.req.valid("json");
    const version = versionFromIfMatch(c.req.valid("header")["if-match"]);
    const current = await alerts.get(account, id);
    if (current === null) throw new ApiError(404, "not_found", `no alert ${id}`);
    const position = await positionOf(current.alert.symbol, changes.rule);
    await alerts.update(account, id, changes, position, version).catch((error) => {
      throw alertApiError(error, id);
    });
    return c.json(await answer(c, alerts, account, id), 200);
  });
  app.openapi(deleteRoute, async (c) => {
    const { alerts, account } = parts();
    const { id } = c.req.valid("param");
    const version = versionFromIfMatch(c.req.valid("header")["if-match"]);
    await alerts.delete(account, id, version).catch((error) => {
      throw alertApiError(error, id);
    });
    return c.json({ id, deleted: true as const }, 200);
  });
  for (const action of ["enable", "disable"] as const) {
    app.openapi(toggleRoute(action), async (c) => {
      const { alerts, account } = parts();
      const { id } = c.req.valid("param");
      const version = versionFromIfMatch(c.req.valid("header")["if-match"]);
      await alerts.setEnabled(account, id, action === "enable", version).catch((error) => {
        throw alertApiError(error, id);
      });
      return c.json(await answer(c, alerts, account, id), 200);
    });
  }
}
