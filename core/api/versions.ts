/**
 * Optimistic concurrency over HTTP: an entity's KV versionstamp is its `version` in the body and
 * its `ETag`; a write may send it back as `If-Match`, and then applies only if nobody wrote since,
 * answering 409 `version_conflict` otherwise. Without `If-Match` the write applies to the latest.
 * @module
 */
import { z } from "@hono/zod-openapi";
import type { Context } from "hono";
import { StoreConflictError } from "../store/mod.ts";
import { ApiError } from "./errors.ts";

/** The request headers of a write that may pin the version it read. */
export const ifMatchHeaders = z.object({
  "if-match": z.string().min(1).max(100).optional().openapi({
    param: { name: "if-match", in: "header" },
    description: "The ETag (or `version`) read; a stale one answers 409 version_conflict",
  }),
});

/** The versionstamp an `If-Match` value names (quotes and a weak prefix dropped), or undefined. */
export function versionFromIfMatch(header: string | undefined): string | undefined {
  if (header === undefined) return undefined;
  return header.trim().replace(/^W\//, "").replace(/^"(.*)"$/, "$1");
}

/** Sets the `ETag` of an answer to `version`. */
export function setEtag(c: Context, version: string): void {
  c.header("ETag", `"${version}"`);
}

/** A store conflict as the API's 409; any other error as it is. */
export function conflictApiError(error: unknown, what: string): unknown {
  if (error instanceof StoreConflictError) {
    return new ApiError(
      409,
      "version_conflict",
      `${what} changed since you read it; read it again`,
    );
  }
  return error;
}
