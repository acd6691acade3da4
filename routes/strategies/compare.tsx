import { epochDayToIsoDate, isoDateToEpochDay, seoulDate } from "@/core/krx/mod.ts";
import { type Context, page } from "@/core/web/mod.ts";
import { define } from "../../utils.ts";
import { type ApiProblem, callApi, csrfCookie, problemOf } from "../(_components)/api.ts";
import {
  COMPARE_FORMS,
  type CompareFormName,
  type Comparison,
  ComparisonView,
  RunForm,
  type RunItem,
  RunsTable,
  SweepForm,
  type SweepItem,
  SweepList,
  SweepView,
} from "../(_components)/CompareParts.tsx";
import {
  formFieldOf,
  isFormProblem,
  runRequest,
  sweepRequest,
} from "../(_components)/compare_forms.ts";
import {
  doneRedirect,
  type FormError,
  formError,
  formFields,
  pageError,
  problemText,
  sameOrigin,
} from "../(_components)/forms.ts";
import { NoServicesPage, Notice } from "../(_components)/Notice.tsx";
import { pageServices } from "../(_components)/services.ts";
import { sessionOf } from "../(_components)/session.ts";
import { textOf } from "../(_components)/text.ts";

/** How often a page showing a running sweep reloads itself, in seconds. */
const SWEEP_REFRESH_SECONDS = 2;

interface CompareData {
  readonly available: boolean;
  readonly runs: readonly RunItem[];
  readonly sweeps: readonly SweepItem[];
  readonly picked: readonly string[];
  readonly comparison: Comparison | null;
  /** Why the comparison could not be made (fewer than two runs, or the API's refusal). */
  readonly compareProblem: string | null;
  readonly sweep: SweepItem | null;
  readonly done: CompareFormName | null;
  readonly error: FormError | null;
  readonly values: Readonly<Record<string, string>>;
}

/** The forms' dates by default: the year up to today on the market's clock. */
function defaultDates(now: number): { from: string; to: string } {
  const to = seoulDate(now);
  return { from: epochDayToIsoDate(isoDateToEpochDay(to) - 365), to };
}

async function load(ctx: Context, extra: Partial<CompareData> = {}): Promise<CompareData> {
  const running = pageServices();
  const empty: CompareData = {
    available: running !== null,
    runs: [],
    sweeps: [],
    picked: [],
    comparison: null,
    compareProblem: null,
    sweep: null,
    done: null,
    error: null,
    values: {},
  };
  if (running === null) return empty;
  const { t } = textOf(ctx.req);
  const params = ctx.url.searchParams;
  const runs = await callApi(ctx, "/api/v1/backtests/runs?limit=50");
  const sweeps = await callApi(ctx, "/api/v1/backtests/sweeps?limit=10");
  const picked = params.getAll("run");
  let comparison: Comparison | null = null;
  let compareProblem: string | null = null;
  if (picked.length === 1) compareProblem = t.compare.pickMore;
  if (picked.length > 1) {
    // a read, sent as POST for its list of ids; the page's own CSRF cookie goes along
    const answer = await callApi(ctx, "/api/v1/backtests/compare", {
      method: "POST",
      csrf: csrfCookie(ctx.req),
      body: { runIds: picked },
    });
    if (answer.status === 200) comparison = answer.body as Comparison;
    else compareProblem = problemText(problemOf(answer), t);
  }
  const sweepId = params.get("sweep");
  const sweep = sweepId === null
    ? null
    : await callApi(ctx, `/api/v1/backtests/sweeps/${encodeURIComponent(sweepId)}`);
  const done = params.get("done");
  return {
    ...empty,
    runs: runs.status === 200 ? (runs.body as { items: RunItem[] }).items : [],
    sweeps: sweeps.status === 200 ? (sweeps.body as { items: SweepItem[] }).items : [],
    picked,
    comparison,
    compareProblem,
    sweep: sweep?.status === 200 ? (sweep.body as { sweep: SweepItem }).sweep : null,
    done: COMPARE_FORMS.find((form) => form === done) ?? null,
    values: defaultDates(running.services.store.now()),
    ...extra,
  };
}

/** The form's error for an API refusal, each detail under the form field it is about. */
function refusal(form: CompareFormName, problem: ApiProblem, ctx: Context): FormError {
  const { t } = textOf(ctx.req);
  return formError(form, problem, t, formFieldOf);
}

/** Carries out one of the page's forms through the API; a refusal shows the page again. */
async function submit(ctx: Context): Promise<Response | CompareData> {
  const { t } = textOf(ctx.req);
  const fields = await formFields(ctx.req);
  const form = COMPARE_FORMS.find((name) => name === fields.form) ?? "run";
  const refuse = (error: FormError) => load(ctx, { error, values: fields });
  if (!sameOrigin(ctx.req)) return refuse(pageError(form, t.session.csrfFailed));
  const csrf = fields.csrf ?? "";
  if (form === "delete") {
    const id = encodeURIComponent(fields.id ?? "");
    const answer = await callApi(ctx, `/api/v1/backtests/runs/${id}`, { method: "DELETE", csrf });
    if (answer.status !== 200) return refuse(refusal(form, problemOf(answer), ctx));
    return doneRedirect("/strategies/compare", form);
  }
  const request = form === "run" ? runRequest(fields) : sweepRequest(fields);
  if (isFormProblem(request)) {
    const message = t.compare[request.problem];
    return refuse({ form, message, fields: { [request.field]: message } });
  }
  const path = form === "run" ? "/api/v1/backtests/runs" : "/api/v1/backtests/sweeps";
  const answer = await callApi(ctx, path, { method: "POST", csrf, body: request });
  if (answer.status !== 202) return refuse(refusal(form, problemOf(answer), ctx));
  if (form === "run") return doneRedirect("/strategies/compare", form);
  const { sweep } = answer.body as { sweep: { id: string } };
  return new Response(null, {
    status: 303,
    headers: { location: `/strategies/compare?sweep=${encodeURIComponent(sweep.id)}#sweep-result` },
  });
}

export const handler = define.handlers({
  GET: async (ctx) => {
    const data = await load(ctx);
    const sweep = data.sweep;
    if (sweep === null || (sweep.status !== "queued" && sweep.status !== "running")) {
      return page(data);
    }
    // A running sweep's page reloads itself until the heatmap is there, without a script. The
    // URL is named without its #fragment, which would make the reload a jump within the page.
    const url = `${ctx.url.pathname}${ctx.url.search}`;
    return page(data, { headers: { refresh: `${SWEEP_REFRESH_SECONDS}; url=${url}` } });
  },
  POST: async (ctx) => {
    const result = await submit(ctx);
    if (result instanceof Response) return result;
    return page(result, { status: 422 });
  },
});

export default define.page<typeof handler>(function Compare({ data, req, state }) {
  const { t } = textOf(req);
  const c = t.compare;
  const session = sessionOf(state);
  if (!data.available || session === null) {
    return <NoServicesPage title={c.title} message={t.common.noServices} />;
  }
  return (
    <section class="page">
      <div class="page-head">
        <h1>{c.title}</h1>
        <a href="/strategies">{t.strategies.title}</a>
      </div>
      <p class="muted">{c.intro}</p>
      <RunForm
        t={t}
        csrf={session.csrf}
        error={data.error}
        values={data.values}
        done={data.done}
      />
      <RunsTable t={t} csrf={session.csrf} runs={data.runs} picked={data.picked} />
      {data.compareProblem !== null && (
        <Notice kind="error">
          <span data-testid="compare-problem">{data.compareProblem}</span>
        </Notice>
      )}
      {data.comparison && <ComparisonView t={t} comparison={data.comparison} />}
      <SweepForm t={t} csrf={session.csrf} error={data.error} values={data.values} />
      {data.sweep && <SweepView t={t} sweep={data.sweep} />}
      <SweepList t={t} sweeps={data.sweeps} />
    </section>
  );
});
