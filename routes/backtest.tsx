import { labInputs, paramSpecs } from "@/core/web/backtest_lab.ts";
import { type LabCall, runLab } from "@/core/web/backtest_lab_run.ts";
import type { Lang } from "@/core/web/i18n/mod.ts";
import { kstWallClock } from "@/core/krx/mod.ts";
import { type Context, page } from "@/core/web/mod.ts";
import BacktestLab, { type BacktestLabProps } from "../islands/BacktestLab.tsx";
import { define } from "../utils.ts";
import { callApi } from "./(_components)/api.ts";
import { NoServicesPage } from "./(_components)/Notice.tsx";
import { sessionOf } from "./(_components)/session.ts";
import { textOf } from "./(_components)/text.ts";

type LabData = Omit<BacktestLabProps, "text" | "columns"> & { readonly status: number };

interface ApiStrategy {
  readonly id: string;
  readonly name: Readonly<Record<Lang, string>>;
  readonly paramsSchema: unknown;
}

/**
 * The lab as the query string asks for it: the strategies and their parameters' inputs from
 * `GET /api/v1/strategies`, then the backtest run through the API in-process (the server reads
 * each symbol's bars from the broker), as the island runs it from the browser.
 */
async function load(ctx: Context, csrf: string, lang: Lang): Promise<LabData> {
  const list = await callApi(ctx, "/api/v1/strategies");
  const strategies = list.status === 200
    ? (list.body as { strategies: ApiStrategy[] }).strategies.map((s) => ({
      id: s.id,
      name: s.name[lang],
      params: paramSpecs(s.paramsSchema),
    }))
    : [];
  const inputs = labInputs(ctx.url.searchParams, strategies, kstWallClock(Date.now()).date);
  const call: LabCall = (path, body) =>
    callApi(ctx, path, body === undefined ? {} : { method: "POST", body, csrf });
  const outcome = await runLab(call, inputs, strategies.find((s) => s.id === inputs.strategy));
  return {
    strategies,
    inputs,
    csrf,
    report: outcome.kind === "report" ? outcome.report : null,
    errors: outcome.kind === "refused" ? outcome.fields : {},
    failure: outcome.kind === "failed" ? outcome.message : null,
    status: outcome.kind === "refused" ? outcome.status : 200,
  };
}

export const handler = define.handlers({
  GET: async (ctx) => {
    const session = sessionOf(ctx.state);
    const data: LabData | null = session === null
      ? null
      : await load(ctx, session.csrf, textOf(ctx.req).lang);
    // inputs the API refused are the request's fault: the page says which, with the API's 4xx
    return page(data, { status: data?.status ?? 200 });
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
        text={b}
        columns={{ symbol: t.columns.symbol, quantity: t.columns.quantity, pnl: t.columns.pnl }}
      />
    </section>
  );
});
