/**
 * The JSON API, called in-process: `/api/*` requests from browsers and scripts, and the dashboard's
 * own page handlers, which sign in, read and change things through the same routes (and so the
 * same validation, roles, CSRF check and audit) as every other client.
 * @module
 */
import { createApiApp } from "@/core/api/app.ts";
import type { ApiApp } from "@/core/api/context.ts";
import { COOKIE, CSRF_HEADER } from "@/core/auth/cookies.ts";
import { startAuth } from "@/core/auth/mod.ts";
import { KvJobStatusStore } from "@/core/jobs/mod.ts";
import { appMetrics } from "@/core/obs/metrics.ts";
import { apiNotifications, appConfig, appEngine, appServices } from "@/core/runtime/mod.ts";
import { readApiDocsAssets } from "@/core/web/mod.ts";

// the project root, where `deno task build` writes _fresh/
const ROOT = decodeURIComponent(new URL("../../", import.meta.url).pathname).replace(/\/$/, "");

let routed: Promise<ApiApp> | undefined;

// Built at the first request, not at import: main.ts starts the services after Fresh loads routes.
// Without services (the dev server, tests) there is no store, so every secured route answers 401.
async function buildApi(): Promise<ApiApp> {
  const services = appServices();
  const config = appConfig();
  const settings = config.auth;
  const auth = services === undefined ? undefined : await startAuth(services.store, settings);
  return createApiApp({
    broker: services?.broker,
    mode: services?.mode,
    store: services?.store,
    account: services && { id: services.accountId, label: services.label },
    report: services && { jobStatus: new KvJobStatusStore(services.store.kv) },
    jobRunner: appEngine(),
    notifications: services && apiNotifications(services.store.kv, config.notify),
    auth,
    corsOrigins: settings.corsOrigins,
    metrics: appMetrics,
    trustProxy: config.trustProxy,
    docsAssets: await readApiDocsAssets(ROOT),
  });
}

/** The process's one API app, built at the first call (a failed build is tried again). */
export function routedApi(): Promise<ApiApp> {
  routed ??= buildApi().catch((error) => {
    routed = undefined;
    throw error;
  });
  return routed;
}

/** What the API answered a page handler. */
export interface ApiAnswer {
  readonly status: number;
  readonly headers: Headers;
  /** The parsed JSON body, or the text when it is not JSON. */
  readonly body: unknown;
}

/** A page's request, as the API needs it to act for the same browser. */
export interface Caller {
  readonly req: Request;
  readonly info: Deno.ServeHandlerInfo;
}

/** How a page handler's call differs from a plain GET. */
export interface CallOptions {
  readonly method?: string;
  /** Sent as JSON. */
  readonly body?: unknown;
  /** The CSRF token the browser's form repeated; the API compares it with the cookie. */
  readonly csrf?: string;
  readonly headers?: Record<string, string>;
}

/**
 * Calls the API for the browser behind `caller`: its cookies go along, so the API sees the same
 * session, and its connection info, so login lockouts key on the browser's address.
 * @example await callApi(ctx, "/api/v1/alerts")
 */
export async function callApi(
  caller: Caller,
  path: string,
  options: CallOptions = {},
): Promise<ApiAnswer> {
  const app = await routedApi();
  const headers = new Headers(options.headers);
  const cookie = caller.req.headers.get("cookie");
  if (cookie) headers.set("cookie", cookie);
  if (options.csrf !== undefined) headers.set(CSRF_HEADER, options.csrf);
  if (options.body !== undefined) headers.set("content-type", "application/json");
  const request = new Request(new URL(path, caller.req.url), {
    method: options.method ?? "GET",
    headers,
    body: options.body === undefined ? undefined : JSON.stringify(options.body),
  });
  const response = await app.fetch(request, caller.info);
  const text = await response.text();
  let body: unknown = text;
  try {
    body = JSON.parse(text);
  } catch {
    // not JSON: the report's HTML and Markdown renderings
  }
  return { status: response.status, headers: response.headers, body };
}

/** One field the API found wrong, with the issue's code and particulars when it gave them. */
export interface FieldProblem {
  readonly field: string;
  readonly message: string;
  readonly issue?: string;
  readonly params?: Readonly<Record<string, string | number | boolean>>;
}

/** The API's error shape, read from an answer that is not a success. */
export interface ApiProblem {
  readonly status: number;
  readonly code: string;
  readonly message: string;
  readonly details: readonly FieldProblem[];
  /** Seconds from `Retry-After`, when the answer carried one. */
  readonly retryAfter: number | null;
}

/** The problem an answer reports (a body without the error shape becomes `unknown`). */
export function problemOf(answer: ApiAnswer): ApiProblem {
  const error = (answer.body as { error?: Partial<ApiProblem> } | null)?.error;
  const retry = Number(answer.headers.get("retry-after"));
  return {
    status: answer.status,
    code: typeof error?.code === "string" ? error.code : "unknown",
    message: typeof error?.message === "string" ? error.message : `HTTP ${answer.status}`,
    details: Array.isArray(error?.details) ? error.details : [],
    retryAfter: Number.isFinite(retry) && retry > 0 ? Math.ceil(retry) : null,
  };
}

/** The value of the CSRF cookie the browser holds, which its forms repeat. */
export function csrfCookie(req: Request): string | undefined {
  const cookie = req.headers.get("cookie") ?? "";
  const match = new RegExp(`(?:^|;\\s*)__Host-${COOKIE.csrf}=([^;]*)`).exec(cookie);
  return match?.[1];
}
