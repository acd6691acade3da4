/**
 * `/api/v1/reports`: the account's stored daily reports, newest day first; one day's report as
 * JSON, or rendered as Markdown or HTML (`?format=md|html`, or an `Accept` of `text/markdown` or
 * `text/html`; `?lang=ko|en`); and `POST /reports/{date}/generate`, which runs the daily report
 * now. Generating a day again replaces its report, and its notification keeps the day's dedupe
 * key, so each channel still delivers it once.
 * @module
 */
import { createRoute, z } from "@hono/zod-openapi";
import type { Context } from "hono";
import { type IsoDate, parseIsoDate, seoulDate } from "../../krx/mod.ts";
import {
  dailyReportSchema,
  getReport,
  listReports,
  renderReportHtml,
  renderReportMarkdown,
  runDailyReport,
} from "../../report/mod.ts";
import { secured } from "../access.ts";
import { errorContent, jsonContent } from "../content.ts";
import type { ApiApp, ApiOptions } from "../context.ts";
import { ApiError } from "../errors.ts";
import { isoDateField } from "../fields.ts";
import { requireAccount, requireBroker, requireStore } from "../needs.ts";
import { badCursor, pageBody, pageQueryFields, pageSchema } from "../paging.ts";

const dateParams = z.strictObject({
  date: isoDateField.openapi({ param: { name: "date", in: "path" } }),
});

const reportBody = z.object({ report: dailyReportSchema });

const listRoute = secured(
  "viewer",
  createRoute({
    method: "get",
    path: "/api/v1/reports",
    tags: ["reports"],
    summary: "The account's daily reports, newest day first",
    request: { query: z.strictObject(pageQueryFields) },
    responses: {
      200: {
        description: "A page of reports",
        content: jsonContent(pageSchema(dailyReportSchema)),
      },
      400: { description: "A bad cursor", content: errorContent },
      503: { description: "No store or account configured", content: errorContent },
    },
  }),
);

const getRoute = secured(
  "viewer",
  createRoute({
    method: "get",
    path: "/api/v1/reports/{date}",
    tags: ["reports"],
    summary: "One day's report: JSON, or rendered as Markdown or HTML",
    request: {
      params: dateParams,
      query: z.strictObject({
        format: z.enum(["json", "md", "html"]).optional().openapi({
          param: { name: "format", in: "query" },
          description: "Default: what Accept asks for (text/markdown, text/html), else JSON",
        }),
        lang: z.enum(["ko", "en"]).default("ko")
          .openapi({ param: { name: "lang", in: "query" } }),
      }),
    },
    responses: {
      200: {
        description: "The report",
        content: {
          ...jsonContent(reportBody),
          "text/markdown": { schema: z.string() },
          "text/html": { schema: z.string() },
        },
      },
      400: { description: "A bad date, format or language", content: errorContent },
      404: { description: "No report for that day", content: errorContent },
      503: { description: "No store or account configured", content: errorContent },
    },
  }),
);

const generateRoute = secured(
  "trader",
  createRoute({
    method: "post",
    path: "/api/v1/reports/{date}/generate",
    tags: ["reports"],
    summary: "Build, store and send the day's report now; a day generated again is replaced",
    request: { params: dateParams },
    responses: {
      201: { description: "The day's first report", content: jsonContent(reportBody) },
      200: {
        description: "The day's report, replacing the earlier one",
        content: jsonContent(reportBody),
      },
      400: { description: "A bad date, or a day after today", content: errorContent },
      502: { description: "The broker failed", content: errorContent },
      503: { description: "No store, broker or account configured", content: errorContent },
    },
  }),
);

/** The format a report is asked for in: the query's, else the `Accept` header's, else JSON. */
function formatOf(c: Context, query: "json" | "md" | "html" | undefined): "json" | "md" | "html" {
  if (query !== undefined) return query;
  const accept = c.req.header("accept") ?? "";
  if (accept.includes("text/markdown")) return "md";
  if (accept.includes("text/html")) return "html";
  return "json";
}

/** Registers the report routes. */
export function registerReportRoutes(app: ApiApp, options: ApiOptions): void {
  app.openapi(listRoute, async (c) => {
    const store = requireStore(options);
    const account = requireAccount(options);
    const query = c.req.valid("query");
    const page = await listReports(store, account.id, { limit: query.limit, cursor: query.cursor })
      .catch(badCursor);
    return c.json(pageBody(page), 200);
  });

  app.openapi(getRoute, async (c) => {
    const store = requireStore(options);
    const account = requireAccount(options);
    const date = parseIsoDate(c.req.valid("param").date);
    const query = c.req.valid("query");
    const report = await getReport(store, account.id, date);
    if (report === null) throw new ApiError(404, "not_found", `no report for ${date}`);
    c.header("Vary", "Accept");
    const format = formatOf(c, query.format);
    if (format === "md") {
      c.header("Content-Type", "text/markdown; charset=utf-8");
      return c.body(renderReportMarkdown(report, { lang: query.lang }), 200);
    }
    if (format === "html") return c.html(renderReportHtml(report, { lang: query.lang }), 200);
    return c.json({ report }, 200);
  });

  app.openapi(generateRoute, async (c) => {
    const store = requireStore(options);
    const broker = requireBroker(options);
    const account = requireAccount(options);
    const date: IsoDate = parseIsoDate(c.req.valid("param").date);
    if (date > seoulDate(store.now())) {
      throw new ApiError(400, "validation_failed", `${date} has not happened yet`, {
        details: [{ field: "path.date", message: "a report is generated for today or before" }],
      });
    }
    const before = await getReport(store, account.id, date);
    const { report } = await runDailyReport(
      { ...options.report, store, broker, accountId: account.id },
      date,
    );
    return c.json({ report }, before === null ? 201 : 200);
  });
}
