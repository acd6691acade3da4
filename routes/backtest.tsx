import { labInputs, labSearch, type LabStrategy, paramSpecs } from "@/core/web/backtest_lab.ts";
import { type LabCall, runLab, saveLab } from "@/core/web/backtest_lab_run.ts";
import type { Lang } from "@/core/web/i18n/mod.ts";
import { kstWallClock } from "@/core/krx/mod.ts";
import { type Context, page } from "@/core/web/mod.ts";
import BacktestLab, { type BacktestLabProps } from "../islands/BacktestLab.tsx";
import { define } from "../utils.ts";
import { callApi } from "./(_components)/api.ts";
import { formFields, sameOrigin } from "./(_components)/forms.ts";
import { NoServicesPage } from "./(_components)/Notice.tsx";
import { sessionOf } from "./(_components)/session.ts";
import { textOf } from "./(_components)/text.ts";

type LabData = Omit<BacktestLabProps, "text" | "columns"> & { readonly status: number };

interface ApiStrategy {
  readonly id: string;
  readonly name: Readonly<Record<Lang, string>>;
  readonly paramsSchema: unknown;
}

/** The strategies and their parameters' inputs, from `GET /api/v1/strategies`. */
async function labStrategies(ctx: Context, lang: Lang): Promise<LabStrategy[]> {
  const list = await callApi(ctx, "/api/v1/strategies");
  if (list.status !== 200) return [];
  return (list.body as { strategies: ApiStrategy[] }).strategies.map((s) => ({
    id: s.id,
    name: s.name[lang],
    params: paramSpecs(s.paramsSchema),
  }));
}

/** The API in-process for the browser behind `ctx`, its POSTs carrying `csrf`. */
function apiCall(ctx: Context, csrf: string): LabCall {
  return (path, body) =>
    callApi(ctx, path, body === undefined ? {} : { method: "POST", body, csrf });
}

/** What a refused or failed save adds to the page. */
interface SaveRefusal {
  readonly errors: Readonly<Record<string, string>>;
  readonly message: string;
  readonly status: number;
}

/**
 * The lab as `query` asks for it, the backtest run through the API in-process (the server reads
 * each symbol's bars from the broker), as the island runs it from the browser.
 */
async function load(
  ctx: Context,
  csrf: string,
  lang: Lang,
  query: URLSearchParams,
  refusal: SaveRefusal | null = null,
): Promise<LabData> {
  const strategies = await labStrategies(ctx, lang);
  const inputs = labInputs(query, strategies, kstWallClock(Date.now()).date);
  const strategy = strategies.find((s) => s.id === inputs.strategy);
  const outcome = await runLab(apiCall(ctx, csrf), inputs, strategy);
  const errors = outcome.kind === "refused" ? outcome.fields : {};
  return {
    strategies,
    inputs,
    csrf,
    report: outcome.kind === "report" ? outcome.report : null,
    errors: { ...errors, ...refusal?.errors },
    failure: outcome.kind === "failed" ? outcome.message : null,
    saved: refusal === null ? ctx.url.searchParams.get("saved") : null,
    saveError: refusal?.message ?? null,
    status: refusal?.status ?? (outcome.kind === "refused" ? outcome.status : 200),
  };
}

/**
 * Saves the posted inputs (the form's `query`, the lab's query string) as a stored run, then back
 * to the lab by GET with `saved=<run id>`; a refusal shows the lab again with the API's words.
 */
async function save(ctx: Context, csrf: string, lang: Lang): Promise<Response | LabData> {
  const fields = await formFields(ctx.req);
  const query = new URLSearchParams(fields.query ?? "");
  const refuse = (refusal: SaveRefusal) => load(ctx, csrf, lang, query, refusal);
  if (!sameOrigin(ctx.req)) {
    return refuse({ errors: {}, message: textOf(ctx.req).t.session.csrfFailed, status: 403 });
  }
  const strategies = await labStrategies(ctx, lang);
  const inputs = labInputs(query, strategies, kstWallClock(Date.now()).date);
  const strategy = strategies.find((s) => s.id === inputs.strategy);
  const outcome = await saveLab(apiCall(ctx, fields.csrf ?? ""), inputs, strategy);
  if (outcome.kind === "saved") {
    const target = new URLSearchParams(labSearch(inputs));
    target.set("saved", outcome.id);
    return ctx.redirect(`/backtest?${target}`, 303);
  }
  if (outcome.kind === "refused") {
    return refuse({ errors: outcome.fields, message: outcome.message, status: outcome.status });
  }
  return refuse({ errors: {}, message: outcome.message, status: 502 });
}

export const handler = define.handlers({
  GET: async (ctx) => {
    const session = sessionOf(ctx.state);
    const data: LabData | null = session === null
      ? null
      : await load(ctx, session.csrf, textOf(ctx.req).lang, ctx.url.searchParams);
    // inputs the API refused are the request's fault: the page says which, with the API's 4xx
    return page(data, { status: data?.status ?? 200 });
  },
  POST: async (ctx) => {
    const session = sessionOf(ctx.state);
    if (session === null) return page(null);
    const result = await save(ctx, session.csrf, textOf(ctx.req).lang);
    if (result instanceof Response) return result;
    return page(result, { status: result.status });
  },
});

export default define.page<typeof handler>(function Backtest({ data, req }) {
  const { t } = textOf(req);
  const b = t.backtest;
  if (data === null) return <NoServicesPage title={b.title} message={t.common.noServices} />;
  return (
    <section class="page">
      <div class="page-head">
        <h1>{b.title}</h1>
      </div>
      <p class="muted">{b.intro}</p>
      <BacktestLab
        strategies={data.strategies}
        inputs={data.inputs}
        report={data.report}
        errors={data.errors}
        failure={data.failure}
        csrf={data.csrf}
        saved={data.saved}
        saveError={data.saveError}
        text={b}
        columns={{ symbol: t.columns.symbol, quantity: t.columns.quantity, pnl: t.columns.pnl }}
      />
    </section>
  );
});
