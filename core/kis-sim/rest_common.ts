import { z } from "zod";
import { parseIsoDate } from "../krx/mod.ts";
import type { AuthStore, SimCredentials } from "./auth.ts";
import type { SimClock } from "./clock.ts";
import { inputFieldError, KIS_ERRORS, type SimReply } from "./errors.ts";
import type { SimExchange } from "./exchange.ts";
import type { ExchangeEvents } from "./exchange_types.ts";
import type { SimAccount } from "./accounts.ts";
import { type PageRequest, paginate } from "./paging.ts";
import type { SimEnv } from "./tr_ids.ts";

/** Page sizes of the paged TRs. */
export interface PageSizes {
  readonly balance: number;
  readonly dailyCcld: number;
  readonly pendingOrders: number;
  readonly holidays: number;
}

/** Page sizes per environment (PROTOCOL.md §4, §9). */
export const DEFAULT_PAGE_SIZES: Record<SimEnv, PageSizes> = {
  // chk-holiday's page size is the simulator's choice; KIS does not document one
  real: { balance: 50, dailyCcld: 100, pendingOrders: 50, holidays: 10 },
  vts: { balance: 20, dailyCcld: 15, pendingOrders: 50, holidays: 10 },
};

/** What every REST handler can use. */
export interface RestContext {
  readonly env: SimEnv;
  readonly credentials: SimCredentials;
  readonly clock: SimClock;
  readonly exchange: SimExchange;
  readonly auth: AuthStore;
  readonly pageSizes: PageSizes;
  /** Passes events caused by a handler (order notices) to the WebSocket side. */
  readonly publish: (events: ExchangeEvents) => void;
}

/** A request after the gateway checks: tr_id, paging header, parameters (GET, keys uppercased) or body. */
export interface SimRequest {
  readonly trId: string;
  readonly trCont: string;
  readonly input: Record<string, unknown>;
}

/** A handler's answer; `trCont` goes into the response header. */
export interface SimAnswer {
  readonly status: number;
  readonly body: Record<string, unknown>;
  readonly trCont: string;
}

/** A successful KIS envelope around `fields` (output, output1, ctx_area_*, ...). */
export function success(
  fields: Record<string, unknown>,
  message: { msgCd: string; msg1: string } = { msgCd: "MCA00000", msg1: "정상처리 되었습니다." },
  trCont = "",
): SimAnswer {
  return {
    status: 200,
    body: { rt_cd: "0", msg_cd: message.msgCd, msg1: message.msg1, ...fields },
    trCont,
  };
}

/** A KIS rejection envelope. */
export function failure(error: SimReply): SimAnswer {
  return {
    status: error.status,
    body: { rt_cd: error.rtCd, msg_cd: error.msgCd, msg1: error.msg1 },
    trCont: "",
  };
}

/** Parses `input` with `schema`; a problem becomes KIS's OPSQ2001 naming the first bad field. */
function parseInput<T extends z.ZodType>(
  schema: T,
  input: Record<string, unknown>,
): { ok: true; value: z.infer<T> } | { ok: false; answer: SimAnswer } {
  const result = schema.safeParse(input);
  if (result.success) return { ok: true, value: result.data };
  const field = result.error.issues[0]?.path.join(".") || "INPUT";
  return { ok: false, answer: failure(inputFieldError(field)) };
}

/** A KIS string field holding digits only. */
export const digits = (length?: number) =>
  length === undefined
    ? z.string().regex(/^\d+$/)
    : z.string().regex(new RegExp(`^\\d{${length}}$`));

/** `EXCG_ID_DVSN_CD` of orders, revisions and cancels: KRX, Nextrade or smart routing. */
export const ROUTES = ["KRX", "NXT", "SOR"] as const;

/** Account fields every account TR carries. */
const accountFields = { CANO: digits(8), ACNT_PRDT_CD: digits(2) };

/** `YYYYMMDD`, a real calendar date. */
export const compactDateField = z.string().regex(/^\d{8}$/).refine((value) => {
  try {
    parseIsoDate(value);
    return true;
  } catch {
    return false;
  }
});

/** Integer string → number (fields already checked as digits). */
export function int(value: string): number {
  return Number.parseInt(value, 10);
}

/** The paging context fields of the FK100/NK100 TRs (empty on the first page). */
export const pagingFields = {
  CTX_AREA_FK100: z.string().optional().default(""),
  CTX_AREA_NK100: z.string().optional().default(""),
};

/** A REST handler: the gateway calls it with the context and the request it checked. */
export type RestHandler = (ctx: RestContext, request: SimRequest) => SimAnswer;

/** A handler whose input is parsed with `schema` first; a bad field is answered OPSQ2001 naming it. */
export function withInput<T extends z.ZodType>(
  schema: T,
  handle: (ctx: RestContext, input: z.infer<T>, request: SimRequest) => SimAnswer,
): RestHandler {
  return (ctx, request) => {
    const parsed = parseInput(schema, request.input);
    return parsed.ok ? handle(ctx, parsed.value, request) : parsed.answer;
  };
}

/**
 * An account TR's handler: its input is `shape` plus the account fields (`CANO`, `ACNT_PRDT_CD`),
 * and the account they name is looked up (KIS's APAC0081 when there is none).
 */
export function forAccount<S extends z.ZodRawShape>(
  shape: S,
  handle: (
    ctx: RestContext,
    input: z.infer<z.ZodObject<typeof accountFields & S>>,
    account: SimAccount,
    request: SimRequest,
  ) => SimAnswer,
): RestHandler {
  return withInput(z.object({ ...accountFields, ...shape }), (ctx, input, request) => {
    // the schema holds accountFields, which TypeScript cannot see through the generic shape
    const { CANO, ACNT_PRDT_CD } = input as z.infer<z.ZodObject<typeof accountFields>>;
    const account = ctx.exchange.account(`${CANO}-${ACNT_PRDT_CD}`);
    if (!account) return failure(KIS_ERRORS.invalidAccount);
    return handle(ctx, input, account, request);
  });
}

/** The page a paged TR asks for: header `tr_cont` and the context fields it echoes. */
export function pageRequest(
  request: SimRequest,
  context: { CTX_AREA_FK100: string; CTX_AREA_NK100: string },
): PageRequest {
  return { trCont: request.trCont, fk100: context.CTX_AREA_FK100, nk100: context.CTX_AREA_NK100 };
}

/** How a paged answer is cut: page size, the request's page, and the query's fingerprint. */
export interface Paging {
  readonly size: number;
  readonly request: PageRequest;
  /** Identifies the query and its data; a continuation whose context differs is stale. */
  readonly fingerprint: string;
  /** The context fields' suffix: `ctx_area_fk100` (default), or `ctx_area_fk` as chk-holiday names it. */
  readonly suffix?: "100" | "";
}

/**
 * A paged TR's answer: one page of `rows`, its `fields` (outputs), the response `tr_cont` and the
 * context to echo back; KIS's APBK1664 when the request's context is stale.
 */
export function pagedAnswer<T>(
  rows: readonly T[],
  paging: Paging,
  fields: (page: readonly T[]) => Record<string, unknown>,
): SimAnswer {
  const page = paginate(rows, paging.size, paging.request, paging.fingerprint);
  if (page === "stale") return failure(KIS_ERRORS.staleContext);
  const suffix = paging.suffix ?? "100";
  return success(
    {
      [`ctx_area_fk${suffix}`]: page.fk100,
      [`ctx_area_nk${suffix}`]: page.nk100,
      ...fields(page.rows),
    },
    undefined,
    page.trCont,
  );
}
