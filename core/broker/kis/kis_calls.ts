import type { z } from "zod";
import { BrokerError } from "../errors.ts";
import type { Clock } from "./clock.ts";
import type { KisEnv, TrOperation } from "./env.ts";
import type { PagingContext } from "./rest_client.ts";
import { collectMissingFields, type KisEnvelope } from "./schema_fields.ts";
import { log as writeLog, type LogFields, type LogLevel } from "../../obs/log.ts";

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
  /** `value` parsed with `schema` for the TR `what` ({@link OutputReader.read}). */
  read<T extends z.ZodType>(schema: T, value: unknown, what: string): z.infer<T>;
}

/** Where the client writes its logs: the project's structured logger, or a test's collector. */
export type KisLogger = (level: LogLevel, message: string, fields?: LogFields) => void;

/**
 * Parses KIS answers with their schemas: a malformed or missing required field is a `server`
 * error naming it; a missing secondary field takes its default and is logged once per TR and
 * field (KIS adds and drops secondary fields over time; the caller needs only the required ones).
 */
export class OutputReader {
  readonly #log: KisLogger;
  readonly #warned = new Set<string>();

  /** A reader that warns through `log`. */
  constructor(log: KisLogger = writeLog) {
    this.#log = log;
  }

  /** `value` parsed with `schema` for the TR `what`. */
  read<T extends z.ZodType>(schema: T, value: unknown, what: string): z.infer<T> {
    const { result, missing } = collectMissingFields(() => schema.safeParse(value));
    if (!result.success) {
      throw new BrokerError(
        "server",
        `KIS ${what} answer has an unexpected shape: ` +
          result.error.issues.map((issue) => `${issue.path.join(".")} ${issue.message}`).join(
            "; ",
          ),
      );
    }
    for (const field of missing) {
      const key = `${what}|${field}`;
      if (this.#warned.has(key)) continue;
      this.#warned.add(key);
      this.#log("warn", "KIS answer lacks a secondary field; its default is used", {
        tr: what,
        field,
      });
    }
    return result.data;
  }
}

/** `value` as KIS's text, or an `invalid_order` error when it is not a positive integer. */
export function positiveInteger(value: number, what: string): string {
  if (!Number.isInteger(value) || value <= 0) {
    throw new BrokerError("invalid_order", `${what} must be a positive integer, got ${value}`);
  }
  return String(value);
}
