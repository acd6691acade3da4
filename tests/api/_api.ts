/**
 * Helpers for driving the real API app with `app.request()`.
 * @module
 */
import assert from "node:assert/strict";
import type { Authenticator, Principal, Role } from "@/core/api/access.ts";
import { createApiApp } from "@/core/api/app.ts";
import type { ApiApp, ApiOptions } from "@/core/api/context.ts";

/** An error answer's body, checked against the one error shape. */
export interface ErrorBody {
  readonly code: string;
  readonly message: string;
  readonly details?: { field: string; message: string }[];
  readonly requestId?: string;
}

/** POSTs `body` as JSON (a string is sent as it is). */
export function postJson(app: ApiApp, path: string, body: unknown): Promise<Response> {
  return Promise.resolve(app.request(path, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: typeof body === "string" ? body : JSON.stringify(body),
  }));
}

/** Asserts `res` is an error in the one shape with `status`, and returns its `error`. */
export async function expectError(res: Response, status: number): Promise<ErrorBody> {
  const text = await res.text();
  assert.equal(res.status, status, text);
  assert.match(res.headers.get("content-type") ?? "", /^application\/json/);
  assert.ok(res.headers.get("x-request-id"), "every answer carries X-Request-Id");
  const body = JSON.parse(text);
  assert.deepEqual(Object.keys(body), ["error"]);
  assert.equal(typeof body.error.code, "string");
  assert.equal(typeof body.error.message, "string");
  return body.error;
}

/** The fields an error's details name. */
export function fieldsOf(error: ErrorBody): string[] {
  return (error.details ?? []).map((d) => d.field);
}

/** A principal of `role`, as the injected authenticator answers it. */
export function principalOf(role: Role, username = `${role}-kim`): Principal {
  return { subject: `user-${role}`, username, role, via: "bearer" };
}

/** The real API app whose every request comes from a principal of `role`. */
export function apiAs(role: Role, options: ApiOptions = {}): ApiApp {
  return createApiApp({ ...options, authenticate: signedInAs(role) });
}

/** Sends `body` as JSON with `method` and extra `headers`. */
export function sendJson(
  app: ApiApp,
  method: string,
  path: string,
  body: unknown,
  headers: Record<string, string> = {},
): Promise<Response> {
  return Promise.resolve(app.request(path, {
    method,
    headers: { "content-type": "application/json", ...headers },
    body: JSON.stringify(body),
  }));
}

/** Asserts `res` has `status` and returns its JSON body. */
export async function expectJson<T = Record<string, unknown>>(
  res: Response,
  status: number,
): Promise<T> {
  const text = await res.text();
  assert.equal(res.status, status, text);
  return JSON.parse(text);
}

/**
 * An authenticator that signs every request in as a user of `role`, for tests of what a route
 * does once access is granted (tests/api/security_test.ts proves the real one refuses).
 */
export function signedInAs(role: Role): Authenticator {
  const principal = principalOf(role);
  return () => Promise.resolve(principal);
}
