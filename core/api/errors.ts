/**
 * The API's one error shape, `{ error: { code, message, details?, requestId? } }`, and the
 * conversions into it from zod issues, thrown `ApiError`s and the broker's `BrokerError`s.
 * @module
 */
import { z } from "@hono/zod-openapi";
import type { Context } from "hono";
import type { ContentfulStatusCode } from "hono/utils/http-status";
import { BrokerError, type BrokerErrorCategory } from "../broker/errors.ts";

/** One problem with one field of the request. */
export interface ErrorDetail {
  /** Where in the request, e.g. `body.params.fast` or `query.from`. */
  readonly field: string;
  readonly message: string;
  /**
   * What is wrong as a stable code, for clients that word it themselves (the dashboard in
   * Korean): zod's issue code (`too_small`, `invalid_type`, `invalid_format`, `custom`, …) or the
   * module's own (`needs_average_cost`).
   */
  readonly issue?: string;
  /** The issue's particulars: `minimum`, `maximum`, `inclusive`, `origin`, `expected`, `format`, `values`. */
  readonly params?: Readonly<Record<string, string | number | boolean>>;
}

/** The body of every error response, as documented in the OpenAPI document. */
export const errorBodySchema = z.object({
  error: z.object({
    code: z.string().openapi({ example: "validation_failed" }),
    message: z.string(),
    details: z.array(z.object({
      field: z.string(),
      message: z.string(),
      issue: z.string().optional().openapi({ description: "A stable code of what is wrong" }),
      params: z.record(z.string(), z.union([z.string(), z.number(), z.boolean()])).optional()
        .openapi({ description: "The issue's limits, e.g. minimum, maximum, inclusive" }),
    })).optional(),
    requestId: z.string().optional()
      .openapi({ description: "Given on 500 answers, to find the request in the logs" }),
  }),
}).openapi("Error");

/** A failure the API answers with `status` and the error shape; thrown from handlers. */
export class ApiError extends Error {
  /** The HTTP status of the answer. */
  readonly status: ContentfulStatusCode;
  /** A stable, machine-readable code such as `not_found`. */
  readonly code: string;
  /** The fields at fault, when some are. */
  readonly details?: readonly ErrorDetail[];
  /** Extra response headers, such as `Retry-After`. */
  readonly headers: Readonly<Record<string, string>>;

  /** Creates the error; `message` is shown to the caller, so it says what to fix. */
  constructor(
    status: ContentfulStatusCode,
    code: string,
    message: string,
    options: { details?: readonly ErrorDetail[]; headers?: Record<string, string> } = {},
  ) {
    super(message);
    this.name = "ApiError";
    this.status = status;
    this.code = code;
    this.details = options.details;
    this.headers = options.headers ?? {};
  }
}

/** `series[0].rows[3].date` from a zod path under a prefix such as `body`. */
export function fieldName(prefix: string, path: readonly PropertyKey[]): string {
  return path.reduce<string>(
    (name, key) => typeof key === "number" ? `${name}[${key}]` : `${name}.${String(key)}`,
    prefix,
  );
}

const PARAM_KEYS = ["origin", "minimum", "maximum", "inclusive", "expected", "format", "divisor"];

/** The code and particulars of a zod issue, as a detail carries them. */
export function issueExtras(issue: z.core.$ZodIssue): Pick<ErrorDetail, "issue" | "params"> {
  const params: Record<string, string | number | boolean> = {};
  const fields = issue as unknown as Record<string, unknown>;
  for (const key of PARAM_KEYS) {
    const value = fields[key];
    if (typeof value === "bigint") params[key] = Number(value);
    else if (["string", "number", "boolean"].includes(typeof value)) {
      params[key] = value as string | number | boolean;
    }
  }
  if (issue.code === "invalid_value") params.values = issue.values.map(String).join(", ");
  return Object.keys(params).length === 0 ? { issue: issue.code } : { issue: issue.code, params };
}

/** One detail per zod issue; an unknown key becomes a detail naming that key. */
export function issueDetails(prefix: string, issues: readonly z.core.$ZodIssue[]): ErrorDetail[] {
  return issues.flatMap((issue): ErrorDetail[] =>
    issue.code === "unrecognized_keys"
      ? issue.keys.map((key) => ({
        field: fieldName(prefix, [...issue.path, key]),
        message: "unknown field",
        issue: "unrecognized_keys",
      }))
      : [{ field: fieldName(prefix, issue.path), message: issue.message, ...issueExtras(issue) }]
  );
}

/** A 400 `validation_failed` error for issues found in one part of the request. */
export function validationError(prefix: string, issues: readonly z.core.$ZodIssue[]): ApiError {
  const details = issueDetails(prefix, issues);
  const fields = [...new Set(details.map((d) => d.field))].join(", ");
  return new ApiError(400, "validation_failed", `invalid request: check ${fields}`, { details });
}

/** Answers `error` in the error shape, with its headers. */
export function errorResponse(c: Context, error: ApiError): Response {
  for (const [name, value] of Object.entries(error.headers)) c.header(name, value);
  const body = {
    error: {
      code: error.code,
      message: error.message,
      ...(error.details === undefined ? {} : { details: error.details }),
    },
  };
  return c.json(body, error.status);
}

// The client's fault (a bad symbol) is 4xx; the broker's own trouble is 502/503, so a caller knows
// whether to fix the request or retry later.
const BROKER_STATUS: Record<BrokerErrorCategory, ContentfulStatusCode> = {
  invalid_symbol: 404,
  invalid_order: 422,
  insufficient_cash: 422,
  market_closed: 409,
  live_trading_off: 409,
  rate: 429,
  auth: 502,
  server: 502,
  network: 503,
};

/** How long a caller is asked to wait after the broker's rate limit, in seconds. */
export const BROKER_RETRY_AFTER_SECONDS = 1;

/** The API error for a broker failure: its category becomes the code, with a fitting status. */
export function brokerApiError(error: BrokerError): ApiError {
  const headers: Record<string, string> = error.category === "rate"
    ? { "Retry-After": String(BROKER_RETRY_AFTER_SECONDS) }
    : {};
  return new ApiError(BROKER_STATUS[error.category], error.category, error.message, { headers });
}
