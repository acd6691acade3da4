import type { z } from "zod";
import { BrokerError } from "../errors.ts";
import type { Clock } from "./clock.ts";
import type { KisEnv, TrOperation } from "./env.ts";
import type { PagingContext } from "./rest_client.ts";
import type { KisEnvelope } from "./schema_fields.ts";

/** What the broker's query and order modules need from it: requests, the account and parsing. */
export interface KisCalls {
  readonly env: KisEnv;
  readonly clock: Clock;
  /** `CANO` and `ACNT_PRDT_CD` of the account. */
  readonly accountFields: Readonly<Record<string, string>>;
  /** One GET to `operation`'s TR; the envelope of its successful answer. */
  get(operation: TrOperation, path: string, fields: Record<string, string>): Promise<KisEnvelope>;
  /** A paged GET through every page; the envelopes in order. */
  getPaged(
    operation: TrOperation,
    path: string,
    fields: Record<string, string>,
    context?: PagingContext,
  ): Promise<KisEnvelope[]>;
  /** `value` parsed with `schema`, or a `server` error naming the fields that do not fit. */
  read<T extends z.ZodType>(schema: T, value: unknown, what: string): z.infer<T>;
}

/** `value` parsed with `schema`; a mismatch is a `server` error naming each bad field. */
export function parseOutput<T extends z.ZodType>(
  schema: T,
  value: unknown,
  what: string,
): z.infer<T> {
  const parsed = schema.safeParse(value);
  if (!parsed.success) {
    throw new BrokerError(
      "server",
      `KIS ${what} answer has an unexpected shape: ` +
        parsed.error.issues.map((issue) => `${issue.path.join(".")} ${issue.message}`).join("; "),
    );
  }
  return parsed.data;
}

/** `value` as KIS's text, or an `invalid_order` error when it is not a positive integer. */
export function positiveInteger(value: number, what: string): string {
  if (!Number.isInteger(value) || value <= 0) {
    throw new BrokerError("invalid_order", `${what} must be a positive integer, got ${value}`);
  }
  return String(value);
}
