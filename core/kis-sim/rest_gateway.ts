import type { AuthStore } from "./auth.ts";
import { inputFieldError, KIS_ERRORS } from "./errors.ts";
import type { FaultInjector, OutputEdit } from "./faults.ts";
import type { RateLimiter } from "./rate_limit.ts";
import {
  askingPrice,
  dailyItemChart,
  dailyPrice,
  inquirePrice,
  timeItemChart,
} from "./rest_quotations.ts";
import { failure, type RestContext, type RestHandler, type SimAnswer } from "./rest_common.ts";
import {
  approvalKeyAnswer,
  hashKey,
  issueToken,
  type OAuthAnswer,
  revokeToken,
} from "./rest_oauth.ts";
import { balance, buyable } from "./rest_account.ts";
import { holidays } from "./rest_holidays.ts";
import { dailyFills, pendingOrders } from "./rest_journal.ts";
import { orderCash, orderRevise } from "./rest_orders.ts";
import { type EndpointTrIds, matchTrId, SIM_TR_IDS } from "./tr_ids.ts";

/** Request counters for assertions. */
export interface SimStats {
  /** REST calls under `/uapi` (including rejected ones). */
  requests: number;
  /** Calls answered EGW00201 (budget or injected). */
  rateLimited: number;
  /** Genuinely new access tokens issued. */
  readonly tokenIssuances: number;
}

/** What the gateway needs besides the handlers' context. */
export interface GatewayDeps {
  readonly ctx: RestContext;
  readonly auth: AuthStore;
  readonly faults: FaultInjector;
  readonly limiter: RateLimiter | null;
  readonly stats: SimStats;
  readonly wallNow: () => number;
  readonly delay: (ms: number) => Promise<void>;
  /** Brings the exchange to the clock's now (and publishes what happened). */
  readonly sync: () => void;
  /** Resolves once what the exchange changed is in the ledger (at once without one). */
  readonly persist: () => Promise<void>;
}

interface Route {
  readonly method: "GET" | "POST";
  readonly trIds: readonly EndpointTrIds[];
  readonly handle: RestHandler;
}

const PREFIX = "/uapi/domestic-stock/v1";
const route = (method: Route["method"]) => (handle: RestHandler, ...trIds: EndpointTrIds[]) => ({
  method,
  trIds,
  handle,
});
const get = route("GET");
const post = route("POST");
const ROUTES: Record<string, Route> = {
  [`${PREFIX}/quotations/inquire-price`]: get(inquirePrice, SIM_TR_IDS.inquirePrice),
  [`${PREFIX}/quotations/inquire-daily-itemchartprice`]: get(
    dailyItemChart,
    SIM_TR_IDS.dailyItemChart,
  ),
  [`${PREFIX}/quotations/inquire-daily-price`]: get(dailyPrice, SIM_TR_IDS.dailyPrice),
  [`${PREFIX}/quotations/inquire-time-itemchartprice`]: get(
    timeItemChart,
    SIM_TR_IDS.timeItemChart,
  ),
  [`${PREFIX}/quotations/inquire-asking-price-exp-ccn`]: get(askingPrice, SIM_TR_IDS.askingPrice),
  [`${PREFIX}/quotations/chk-holiday`]: get(holidays, SIM_TR_IDS.chkHoliday),
  [`${PREFIX}/trading/order-cash`]: post(
    orderCash,
    SIM_TR_IDS.orderCashSell,
    SIM_TR_IDS.orderCashBuy,
  ),
  [`${PREFIX}/trading/order-rvsecncl`]: post(orderRevise, SIM_TR_IDS.orderRevise),
  [`${PREFIX}/trading/inquire-psbl-rvsecncl`]: get(pendingOrders, SIM_TR_IDS.psblRvsecncl),
  [`${PREFIX}/trading/inquire-balance`]: get(balance, SIM_TR_IDS.balance),
  [`${PREFIX}/trading/inquire-psbl-order`]: get(buyable, SIM_TR_IDS.psblOrder),
  [`${PREFIX}/trading/inquire-daily-ccld`]: get(dailyFills, SIM_TR_IDS.dailyCcld),
};

/** Answers one REST request the way the KIS gateway would. */
export async function handleRest(request: Request, deps: GatewayDeps): Promise<Response> {
  const url = new URL(request.url);
  if (url.pathname.startsWith("/oauth2/") || url.pathname === "/uapi/hashkey") {
    return oauthResponse(await handleOAuth(url.pathname, request, deps));
  }
  const route = ROUTES[url.pathname];
  if (!route) return new Response("Not Found", { status: 404 });
  if (route.method !== request.method) return new Response("Method Not Allowed", { status: 405 });
  deps.stats.requests += 1;
  const trId = request.headers.get("tr_id") ?? "";
  await deps.delay(deps.faults.takeSlowMs());
  const answer = await gatewayAnswer(request, url, route, deps);
  if (answer.body.msg_cd === KIS_ERRORS.rateLimited.msgCd) deps.stats.rateLimited += 1;
  return kisResponse(answer, trId);
}

async function gatewayAnswer(
  request: Request,
  url: URL,
  route: Route,
  deps: GatewayDeps,
): Promise<SimAnswer> {
  const injected = deps.faults.takeRestFailure();
  if (injected === "http500") return failure(KIS_ERRORS.serverError);
  if (injected === "rateLimit") return failure(KIS_ERRORS.rateLimited);
  const headers = request.headers;
  if (deps.limiter && !deps.limiter.tryAcquire(headers.get("appkey") ?? "", deps.wallNow())) {
    return failure(KIS_ERRORS.rateLimited);
  }
  const rejected = checkHeaders(headers, route, deps);
  if (rejected) return rejected;
  const input = request.method === "GET" ? queryInput(url) : await bodyInput(request);
  if (input === null) return failure(inputFieldError("BODY"));
  deps.sync();
  const answer = route.handle(deps.ctx, {
    trId: headers.get("tr_id") ?? "",
    trCont: headers.get("tr_cont") ?? "",
    input,
  });
  // an answer goes out only once what it reports is durable, so a crash never forgets an ODNO
  try {
    await deps.persist();
  } catch {
    return failure(KIS_ERRORS.serverError);
  }
  return answer.body.rt_cd === "0" ? editOutputs(answer, deps.faults.takeOutputEdit()) : answer;
}

/** `answer` with an injected format change applied to every row of its outputs. */
function editOutputs(answer: SimAnswer, edit: OutputEdit): SimAnswer {
  if (edit.omit.length === 0 && Object.keys(edit.replace).length === 0) return answer;
  const editRow = (row: unknown): unknown => {
    if (typeof row !== "object" || row === null || Array.isArray(row)) return row;
    const edited: Record<string, unknown> = { ...row };
    for (const [field, text] of Object.entries(edit.replace)) {
      if (field in edited) edited[field] = text;
    }
    for (const field of edit.omit) delete edited[field];
    return edited;
  };
  const body = { ...answer.body };
  for (const key of ["output", "output1", "output2"]) {
    const output = body[key];
    if (output !== undefined) {
      body[key] = Array.isArray(output) ? output.map(editRow) : editRow(output);
    }
  }
  return { ...answer, body };
}

function checkHeaders(headers: Headers, route: Route, deps: GatewayDeps): SimAnswer | null {
  const bearer = /^Bearer (\S+)$/.exec(headers.get("authorization") ?? "");
  if (!bearer?.[1]) return failure(KIS_ERRORS.bearerMissing);
  const keyError = deps.auth.checkKeys(headers.get("appkey"), headers.get("appsecret"));
  if (keyError) {
    return failure(
      keyError.errorCode === "EGW00103" ? KIS_ERRORS.appKeyInvalid : KIS_ERRORS.appSecretInvalid,
    );
  }
  // Tokens live in the client's time, not the simulated market's (the demo clock may be shifted).
  const token = deps.auth.checkToken(bearer[1], new Date(deps.wallNow()));
  if (token === "invalid") return failure(KIS_ERRORS.tokenInvalid);
  if (token === "expired") return failure(KIS_ERRORS.tokenExpired);
  const env = deps.ctx.env;
  const match = matchTrId(route.trIds, env, headers.get("tr_id"));
  if (match !== "ok") {
    if (env === "real") return failure(KIS_ERRORS.noSuchService);
    const realOnly = route.trIds.every((t) => t.vts.length === 0);
    return failure(
      match === "other-env" || realOnly ? KIS_ERRORS.notMockTr : KIS_ERRORS.mockServiceNotFound,
    );
  }
  const custtype = headers.get("custtype");
  if (custtype !== "P" && custtype !== "B") return failure(KIS_ERRORS.custtypeInvalid);
  return null;
}

function queryInput(url: URL): Record<string, unknown> {
  const input: Record<string, unknown> = {};
  // KIS accepts GET parameter names in either case (official samples use both)
  for (const [key, value] of url.searchParams) input[key.toUpperCase()] = value;
  return input;
}

async function bodyInput(request: Request): Promise<Record<string, unknown> | null> {
  try {
    const body: unknown = await request.json();
    return typeof body === "object" && body !== null && !Array.isArray(body)
      ? body as Record<string, unknown>
      : null;
  } catch {
    return null;
  }
}

async function handleOAuth(
  path: string,
  request: Request,
  deps: GatewayDeps,
): Promise<OAuthAnswer> {
  let body: unknown = null;
  try {
    body = await request.json();
  } catch {
    body = null;
  }
  if (request.method !== "POST") {
    return { status: 405, body: { error_code: "EGW00001", error_description: "POST only" } };
  }
  switch (path) {
    case "/oauth2/tokenP":
      return issueToken(deps.auth, body, new Date(deps.wallNow()));
    case "/oauth2/revokeP":
      return revokeToken(deps.auth, body);
    case "/oauth2/Approval":
      return approvalKeyAnswer(deps.auth, body);
    case "/uapi/hashkey":
      return await hashKey(deps.auth, request.headers, body);
    default:
      return { status: 404, body: { error_code: "EGW00404", error_description: "Not Found" } };
  }
}

function oauthResponse(answer: OAuthAnswer): Response {
  return Response.json(answer.body, {
    status: answer.status,
    headers: { "content-type": "application/json; charset=UTF-8" },
  });
}

function kisResponse(answer: SimAnswer, trId: string): Response {
  return new Response(JSON.stringify(answer.body), {
    status: answer.status,
    headers: {
      "content-type": "application/json; charset=UTF-8",
      tr_id: trId,
      tr_cont: answer.trCont,
      gt_uid: crypto.randomUUID().replaceAll("-", ""),
    },
  });
}
