import { z } from "zod";

function numeric(value: string | number, ctx: z.RefinementCtx, integer: boolean): number {
  const text = typeof value === "number" ? String(value) : value.trim();
  if (text === "") return 0;
  const parsed = Number(text);
  if (!Number.isFinite(parsed) || (integer && !Number.isInteger(parsed))) {
    ctx.addIssue({
      code: "custom",
      message: `expected ${integer ? "an integer" : "a number"} as text, got "${value}"`,
    });
    return z.NEVER;
  }
  return parsed;
}

/** An integer sent as text (KIS sends every number as a string); blank means 0. */
export const intText = z.union([z.string(), z.number()], {
  error: "expected an integer as text",
}).transform((value, ctx) => numeric(value, ctx, true));

/** A decimal sent as text (rates, average prices); blank means 0. */
export const decimalText = z.union([z.string(), z.number()], {
  error: "expected a number as text",
}).transform((value, ctx) => numeric(value, ctx, false));

/** Free text that KIS may pad with spaces or leave out. */
export const text = z.string().default("").transform((value) => value.trim());

/** A date as KIS writes it, `YYYYMMDD`. */
export const compactDateText = z.string().regex(/^\d{8}$/, "must be YYYYMMDD");

/** A time of day as KIS writes it, `HHMMSS`. */
export const compactTimeText = z.string().regex(/^\d{6}$/, "must be HHMMSS");

function lowerCaseKeys(input: unknown): unknown {
  if (typeof input !== "object" || input === null || Array.isArray(input)) return input;
  return Object.fromEntries(
    Object.entries(input).map(([key, value]) => [key.toLowerCase(), value]),
  );
}

/** The schemas made by {@link secondary}, so an object schema can tell its secondary fields. */
const SECONDARY = new WeakSet<z.ZodType>();

/** Secondary fields found missing by the parse running inside {@link collectMissingFields}. */
let missingSink: Set<string> | null = null;

/**
 * A field the caller can do without: when KIS leaves it out, it reads as `fallback` and the
 * parse reports it (see {@link collectMissingFields}); a value that is there must still fit
 * `schema`. Only inside {@link anyCaseObject}.
 */
export function secondary<T extends z.ZodType>(schema: T, fallback: z.output<T>) {
  const field = schema.optional().transform((value) => value ?? fallback);
  SECONDARY.add(field);
  return field;
}

/**
 * Runs `parse` (a synchronous zod parse) and returns its result with the secondary fields it
 * found missing, by name.
 */
export function collectMissingFields<R>(parse: () => R): { result: R; missing: string[] } {
  const sink = new Set<string>();
  const outer = missingSink;
  missingSink = sink;
  try {
    return { result: parse(), missing: [...sink] };
  } finally {
    missingSink = outer;
  }
}

/**
 * An object schema that accepts its keys in any case (order-cash answers in UPPERCASE); its
 * {@link secondary} fields may be missing.
 */
export function anyCaseObject<T extends z.ZodRawShape>(shape: T) {
  const optional = Object.entries(shape).filter(([, field]) => SECONDARY.has(field as z.ZodType))
    .map(([name]) => name);
  return z.preprocess((input: unknown) => {
    const lowered = lowerCaseKeys(input);
    if (missingSink && typeof lowered === "object" && lowered !== null) {
      for (const name of optional) {
        if ((lowered as Record<string, unknown>)[name] === undefined) missingSink.add(name);
      }
    }
    return lowered;
  }, z.object(shape));
}

/**
 * An array of rows, dropping the rows KIS pads answers with, whose `key` field is blank.
 * `key` is lower case.
 */
export function rowsWithout<T extends z.ZodType>(key: string, row: T) {
  return z.preprocess(
    (input: unknown) =>
      Array.isArray(input)
        ? input.filter((candidate) =>
          typeof candidate === "object" && candidate !== null &&
          Object.entries(candidate).some(([name, value]) =>
            name.toLowerCase() === key && typeof value === "string" && value.trim() !== ""
          )
        )
        : input,
    z.array(row),
  );
}

/** KIS's response envelope; `output*` stay unknown until the operation's schema parses them. */
export const envelopeSchema = anyCaseObject({
  rt_cd: z.string(),
  msg_cd: text,
  msg1: text,
  output: z.unknown().optional(),
  output1: z.unknown().optional(),
  output2: z.unknown().optional(),
  ctx_area_fk100: z.string().default(""),
  ctx_area_nk100: z.string().default(""),
  ctx_area_fk: z.string().default(""),
  ctx_area_nk: z.string().default(""),
});

/** A parsed KIS response envelope. */
export type KisEnvelope = z.infer<typeof envelopeSchema>;

/** `POST /oauth2/tokenP` success body. */
export const tokenResponseSchema = z.object({
  access_token: z.string().min(1),
  token_type: z.string(),
  expires_in: intText,
  access_token_token_expired: z.string().regex(
    /^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/,
    "access_token_token_expired must be YYYY-MM-DD HH:MM:SS",
  ),
});

/** The OAuth endpoints' error body (HTTP 403 on EGW00133), which has no rt_cd/msg_cd. */
export const oauthErrorSchema = z.object({
  error_code: z.string(),
  error_description: z.string().default(""),
});

/** `POST /oauth2/Approval` success body. */
export const approvalResponseSchema = z.object({ approval_key: z.string().min(1) });
