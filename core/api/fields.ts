/**
 * Field schemas several routes share, each checked by the same core parser the rest of the
 * system uses, so the API accepts exactly what the CLI and the broker accept.
 * @module
 */
import { z } from "@hono/zod-openapi";
import { isSymbolCode, parseIsoDate } from "../krx/mod.ts";

/** A date as YYYY-MM-DD or YYYYMMDD that exists in the calendar. */
export const isoDateField = z.string().max(10).superRefine((text, ctx) => {
  try {
    parseIsoDate(text);
  } catch (error) {
    ctx.addIssue({ code: "custom", message: (error as Error).message });
  }
}).openapi({ example: "2026-01-02", description: "YYYY-MM-DD or YYYYMMDD" });

/** A KRX short code: six digits, or `Q` and six digits for an ETN. */
export const symbolField = z.string()
  .refine(isSymbolCode, "must be 6 digits, or Q + 6 digits for an ETN")
  .openapi({ example: "005930" });

/** A daily bar's prices and volume, as bars are read (CSV rows) and answered (charts). */
export const ohlcvFields = {
  open: z.number(),
  high: z.number(),
  low: z.number(),
  close: z.number(),
  volume: z.number(),
};
