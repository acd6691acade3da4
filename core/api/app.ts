/**
 * The JSON API under `/api`, a Hono app mounted by `routes/api/[...path].ts`. Routes are defined
 * with `@hono/zod-openapi`, so the schemas that validate a request also write the OpenAPI
 * document at `/api/v1/openapi.json`. Every failure answers in one shape (see `errors.ts`).
 * @module
 */
import { OpenAPIHono } from "@hono/zod-openapi";
import { HTTPException } from "hono/http-exception";
import { bodyLimit } from "hono/body-limit";
import { cors } from "hono/cors";
import { methodNotAllowed } from "hono/method-not-allowed";
import { requestId } from "hono/request-id";
import type { ContentfulStatusCode } from "hono/utils/http-status";
import { BrokerError } from "../broker/errors.ts";
import { labelHonoRoute } from "../obs/http_metrics.ts";
import { log, withLogContext } from "../obs/log.ts";
import { VERSION } from "../version.ts";
import { type ApiApp, type ApiEnv, type ApiOptions, DEFAULT_MAX_BODY_BYTES } from "./context.ts";
import { clientAddress } from "./client_ip.ts";
import { DOCS_CSP, DOCS_INIT_PATH, DOCS_INIT_SCRIPT, renderDocsPage } from "./docs_page.ts";
import { ApiError, brokerApiError, errorResponse, validationError } from "./errors.ts";
import { registerAccountRoutes } from "./routes/accounts.ts";
import { registerPortfolioEquityRoute } from "./routes/portfolio_equity.ts";
import { registerAlertRoutes } from "./routes/alerts.ts";
import { rateLimit } from "./rate_limit.ts";
import { registerApiKeyRoutes } from "./routes/api_keys.ts";
import { registerAuthRoutes } from "./routes/auth.ts";
import { registerBacktestRoutes } from "./routes/backtests.ts";
import { registerBacktestRunRoutes } from "./routes/backtest_runs.ts";
import { registerBacktestSweepRoutes } from "./routes/backtest_sweeps.ts";
import { registerEventRoutes } from "./routes/events.ts";
import { registerFillRoutes } from "./routes/fills.ts";
import { registerHealthRoutes } from "./routes/health.ts";
import { registerJobRoutes } from "./routes/jobs.ts";
import { registerKillSwitchRoutes } from "./routes/kill_switch.ts";
import { registerNotificationSettingsRoutes } from "./routes/notification_settings.ts";
import { registerOrderAmendmentRoutes } from "./routes/order_amendments.ts";
import { registerOrderRoutes } from "./routes/orders.ts";
import { registerPositionRoutes } from "./routes/positions.ts";
import { registerQuoteRoutes } from "./routes/quotes.ts";
import { registerRebalancingRunRoutes } from "./routes/rebalancing_runs.ts";
import { registerRebalancingTargetRoutes } from "./routes/rebalancing_targets.ts";
import { registerReportRoutes } from "./routes/reports.ts";
import { registerSettingsRoutes } from "./routes/settings.ts";
import { registerStrategyConfigRoutes } from "./routes/strategy_configs.ts";
import { registerStrategyRoutes } from "./routes/strategies.ts";
import { registerUserRoutes } from "./routes/users.ts";

/** Where the OpenAPI 3.1 document is served. */
export const OPENAPI_PATH = "/api/v1/openapi.json";

const DOCUMENT_CONFIG = {
  openapi: "3.1.0",
  info: {
    title: "Yeouido API",
    version: VERSION,
    description: "Conventions and examples: docs/api.md",
  },
};

/** How `details` names each part of a request the validators check. */
const PART_NAMES: Partial<Record<string, string>> = { json: "body", param: "path", query: "query" };

const HTTP_CODES: Partial<Record<number, string>> = {
  400: "bad_request",
  413: "payload_too_large",
  415: "unsupported_media_type",
};

/** Builds the API app from its dependencies; every path starts with `/api`. */
export function createApiApp(options: ApiOptions = {}): ApiApp {
  const api: ApiApp = new OpenAPIHono<ApiEnv>({
    defaultHook: (result) => {
      if (!result.success) {
        throw validationError(PART_NAMES[result.target] ?? result.target, result.error.issues);
      }
    },
  });
  // The metrics label API requests by the Hono route they reached.
  api.use(labelHonoRoute());
  api.use(requestId());
  api.use((c, next) => withLogContext({ requestId: c.get("requestId") }, next));
  if ((options.corsOrigins ?? []).length > 0) {
    api.use(cors({
      origin: [...options.corsOrigins!],
      allowMethods: ["GET", "POST", "PATCH", "PUT", "DELETE"],
      allowHeaders: ["Authorization", "Content-Type", "X-API-Key", "X-CSRF-Token", "X-Request-Id"],
      exposeHeaders: [
        "X-Request-Id",
        "Retry-After",
        "RateLimit-Limit",
        "RateLimit-Remaining",
        "RateLimit-Reset",
        "RateLimit-Policy",
      ],
      maxAge: 600,
    }));
  }
  const authenticate = options.authenticate ?? options.auth?.authenticate;
  api.use(async (c, next) => {
    c.set("principal", authenticate ? await authenticate(c) : null);
    await next();
  });
  if (options.auth !== undefined) api.use(rateLimit(options.auth));
  api.use(methodNotAllowed({
    app: api,
    onMethodNotAllowed: (c, methods) => {
      c.header("Allow", methods.join(", "));
      return errorResponse(
        c,
        new ApiError(405, "method_not_allowed", `${c.req.path} allows ${methods.join(", ")}`),
      );
    },
  }));
  const maxSize = options.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES;
  api.use(bodyLimit({
    maxSize,
    onError: (c) =>
      errorResponse(
        c,
        new ApiError(413, "payload_too_large", `the request body is over ${maxSize} bytes`),
      ),
  }));

  registerHealthRoutes(api, options);
  registerStrategyRoutes(api);
  registerBacktestRoutes(api, options);
  registerBacktestRunRoutes(api, options);
  registerBacktestSweepRoutes(api, options);
  registerQuoteRoutes(api, options);
  registerOrderRoutes(api, options);
  registerOrderAmendmentRoutes(api, options);
  registerFillRoutes(api, options);
  registerPositionRoutes(api, options);
  registerRebalancingTargetRoutes(api, options);
  registerRebalancingRunRoutes(api, options);
  registerReportRoutes(api, options);
  registerKillSwitchRoutes(api, options);
  registerSettingsRoutes(api, options);
  registerNotificationSettingsRoutes(api, options);
  registerJobRoutes(api, options);
  registerAccountRoutes(api, options);
  registerPortfolioEquityRoute(api, options);
  registerAlertRoutes(api, options);
  registerStrategyConfigRoutes(api, options);
  registerEventRoutes(api, options);
  registerAuthRoutes(api, options);
  registerApiKeyRoutes(api, options);
  registerUserRoutes(api, options);

  api.openAPIRegistry.registerComponent("securitySchemes", "bearer", {
    type: "http",
    scheme: "bearer",
    bearerFormat: "JWT",
    description: "An access token from POST /api/v1/auth/login",
  });
  api.openAPIRegistry.registerComponent("securitySchemes", "apiKey", {
    type: "apiKey",
    in: "header",
    name: "X-API-Key",
    description: "A key from POST /api/v1/api-keys",
  });

  api.doc31(OPENAPI_PATH, DOCUMENT_CONFIG);
  api.get("/api/docs", (c) => {
    c.header("Content-Security-Policy", DOCS_CSP);
    const document = api.getOpenAPI31Document(DOCUMENT_CONFIG);
    return c.html(renderDocsPage(document, OPENAPI_PATH, options.docsAssets ?? null));
  });
  api.get(DOCS_INIT_PATH, (c) => {
    c.header("Content-Type", "text/javascript; charset=utf-8");
    c.header("Cache-Control", "public, max-age=0, must-revalidate");
    return c.body(DOCS_INIT_SCRIPT);
  });

  api.notFound((c) =>
    errorResponse(c, new ApiError(404, "not_found", `no API route ${c.req.method} ${c.req.path}`))
  );
  api.onError((error, c) => {
    if (error instanceof ApiError) return errorResponse(c, error);
    if (error instanceof BrokerError) return errorResponse(c, brokerApiError(error));
    if (error instanceof HTTPException) {
      // Hono's own refusals before a handler runs, such as malformed JSON in a body.
      const status = error.status as ContentfulStatusCode;
      const code = HTTP_CODES[status] ?? `http_${status}`;
      return errorResponse(c, new ApiError(status, code, error.message));
    }
    const requestId = c.get("requestId");
    const ip = clientAddress(c, options.trustProxy);
    log("error", "api request failed", { requestId, path: c.req.path, ip, error });
    return c.json({
      error: {
        code: "internal",
        message: "the server failed to answer; quote the request id when reporting it",
        requestId,
      },
    }, 500);
  });
  return api;
}
