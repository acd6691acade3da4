import { BrokerError } from "../errors.ts";
import { type Clock, systemClock } from "./clock.ts";
import type { KisCredentials } from "./credentials.ts";
import { isRateRejection, isStalePaging, isTokenRejection, KisError } from "./errors.ts";
import { type KisMetricsSink, NO_KIS_METRICS } from "./metrics_sink.ts";
import type { RateBudget } from "./rate_budget.ts";
import { envelopeSchema, type KisEnvelope } from "./schema_fields.ts";
import type { TokenManager } from "./token_manager.ts";

/** Settings of the REST client. */
export interface KisRestClientOptions {
  readonly restUrl: string;
  readonly credentials: KisCredentials;
  readonly tokens: TokenManager;
  readonly budget: RateBudget;
  readonly clock?: Clock;
  /** Retries after a rate refusal (EGW00201/EGW00215), or a server error on a query. */
  readonly maxRetries?: number;
  /** First backoff delay; it doubles per retry up to 8 s. */
  readonly backoffMs?: number;
  /** Where request outcomes and retries are reported; default nowhere. */
  readonly metrics?: KisMetricsSink;
}

/** One answered request: the envelope and the `tr_cont` response header. */
export interface KisReply {
  readonly envelope: KisEnvelope;
  readonly trCont: string;
}

/** A request to one TR. */
export interface KisRequest {
  readonly method: "GET" | "POST";
  readonly path: string;
  readonly trId: string;
  /** Query parameters (GET) or body fields (POST); KIS wants UPPERCASE keys and string values. */
  readonly fields: Readonly<Record<string, string>>;
  /** `""` for a first page, `"N"` for the next one. */
  readonly trCont?: string;
}

const MAX_PAGES = 500;

/**
 * A paged TR's context fields: most send `CTX_AREA_FK100`/`CTX_AREA_NK100`; the holiday inquiry
 * (chk-holiday) sends `CTX_AREA_FK`/`CTX_AREA_NK` (OTA:ex/chk_holiday).
 */
export type PagingContext = "FK100" | "FK";

/** A paged GET: the request plus which context fields its TR pages with (default `FK100`). */
export interface KisPagedRequest extends Omit<KisRequest, "method" | "trCont"> {
  readonly context?: PagingContext;
}

/**
 * Sends KIS REST requests: headers, the shared rate budget, one token refresh on a token refusal,
 * backoff on rate refusals, and typed errors for everything else.
 */
export class KisRestClient {
  readonly #options: KisRestClientOptions;
  readonly #clock: Clock;
  readonly #metrics: KisMetricsSink;

  /** Creates the client. */
  constructor(options: KisRestClientOptions) {
    this.#options = options;
    this.#clock = options.clock ?? systemClock;
    this.#metrics = options.metrics ?? NO_KIS_METRICS;
  }

  /** Sends one request and returns its successful reply, or throws `BrokerError`/`KisError`. */
  async send(request: KisRequest): Promise<KisReply> {
    try {
      const reply = await this.#sendWithRetries(request);
      this.#metrics.restRequest(request.trId, "ok");
      return reply;
    } catch (error) {
      this.#metrics.restRequest(
        request.trId,
        error instanceof BrokerError ? error.category : "unknown",
      );
      throw error;
    }
  }

  async #sendWithRetries(request: KisRequest): Promise<KisReply> {
    const maxRetries = this.#options.maxRetries ?? 5;
    const backoffMs = this.#options.backoffMs ?? 200;
    let tokenRefreshed = false;
    for (let attempt = 0;; attempt++) {
      await this.#options.budget.take();
      const token = await this.#options.tokens.get();
      const { status, body, trCont } = await this.#exchange(request, token);
      const parsed = envelopeSchema.safeParse(body);
      if (parsed.success && parsed.data.rt_cd === "0" && status === 200) {
        return { envelope: parsed.data, trCont };
      }
      const retryDelay = Math.min(backoffMs * 2 ** attempt, 8_000);
      if (!parsed.success) {
        // Orders are never resent blindly: the first attempt may have reached the exchange.
        if (status >= 500 && request.method === "GET" && attempt < maxRetries) {
          this.#metrics.restRetry(request.trId, "server");
          await this.#clock.sleep(retryDelay);
          continue;
        }
        throw new BrokerError(
          status >= 500 ? "server" : "invalid_order",
          `KIS ${request.trId} answered HTTP ${status} with an unexpected body: ` +
            parsed.error.issues.map((issue) => `${issue.path.join(".")} ${issue.message}`)
              .join("; "),
        );
      }
      const details = {
        msgCd: parsed.data.msg_cd,
        msg1: parsed.data.msg1,
        httpStatus: status,
        trId: request.trId,
      };
      if (isTokenRejection(details) && !tokenRefreshed) {
        tokenRefreshed = true;
        await this.#options.tokens.invalidate(token);
        continue;
      }
      const error = new KisError(details);
      const retryable = isRateRejection(details) ||
        (error.category === "server" && status >= 500 && request.method === "GET");
      if (retryable && attempt < maxRetries) {
        this.#metrics.restRetry(request.trId, isRateRejection(details) ? "rate" : "server");
        await this.#clock.sleep(retryDelay);
        continue;
      }
      throw error;
    }
  }

  async #exchange(
    request: KisRequest,
    token: string,
  ): Promise<{ status: number; body: unknown; trCont: string }> {
    const url = new URL(request.path, this.#options.restUrl);
    if (request.method === "GET") {
      for (const [name, value] of Object.entries(request.fields)) url.searchParams.set(name, value);
    }
    let response: Response;
    try {
      response = await fetch(url, {
        method: request.method,
        headers: {
          "content-type": "application/json; charset=utf-8",
          authorization: `Bearer ${token}`,
          appkey: this.#options.credentials.appKey,
          appsecret: this.#options.credentials.appSecret,
          tr_id: request.trId,
          tr_cont: request.trCont ?? "",
          custtype: "P",
        },
        body: request.method === "POST" ? JSON.stringify(request.fields) : undefined,
      });
    } catch (cause) {
      throw new BrokerError("network", `KIS ${request.trId} unreachable at ${url.origin}`, {
        cause,
      });
    }
    const text = await response.text();
    let body: unknown;
    try {
      body = JSON.parse(text);
    } catch {
      body = text;
    }
    return { status: response.status, body, trCont: response.headers.get("tr_cont") ?? "" };
  }

  /**
   * Sends a GET through every page (`tr_cont` + CTX_AREA_FK100/NK100) and returns all envelopes in
   * order. A stale cursor ("조회이후에 자료가 변경되었습니다") restarts from the first page once.
   */
  async sendPaged(request: KisPagedRequest): Promise<KisEnvelope[]> {
    for (let restart = 0;; restart++) {
      try {
        return await this.#collectPages(request);
      } catch (error) {
        if (restart === 0 && error instanceof KisError && isStalePaging(error)) continue;
        throw error;
      }
    }
  }

  async #collectPages(request: KisPagedRequest): Promise<KisEnvelope[]> {
    const { context = "FK100", ...single } = request;
    const suffix = context === "FK100" ? "100" : "";
    const pages: KisEnvelope[] = [];
    let cursor = { fk: "", nk: "", trCont: "" };
    while (pages.length < MAX_PAGES) {
      const reply = await this.send({
        ...single,
        method: "GET",
        trCont: cursor.trCont,
        fields: {
          ...single.fields,
          [`CTX_AREA_FK${suffix}`]: cursor.fk,
          [`CTX_AREA_NK${suffix}`]: cursor.nk,
        },
      });
      pages.push(reply.envelope);
      if (reply.trCont !== "F" && reply.trCont !== "M") return pages;
      const { envelope } = reply;
      cursor = context === "FK100"
        ? { fk: envelope.ctx_area_fk100, nk: envelope.ctx_area_nk100, trCont: "N" }
        : { fk: envelope.ctx_area_fk, nk: envelope.ctx_area_nk, trCont: "N" };
    }
    throw new BrokerError("server", `KIS ${request.trId} kept paging past ${MAX_PAGES} pages`);
  }
}
