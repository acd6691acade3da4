import { seoulDate } from "@/core/krx/time.ts";
import type { DailyReport } from "@/core/report/mod.ts";
import {
  formatKrw,
  formatKst,
  formatPercent,
  formatSignedKrw,
  toneClass,
} from "@/core/web/format.ts";
import type { Messages } from "@/core/web/i18n/mod.ts";
import { type Context, page } from "@/core/web/mod.ts";
import { define } from "../utils.ts";
import { callApi, problemOf } from "./(_components)/api.ts";
import {
  doneRedirect,
  type FormError,
  formError,
  formFields,
  pageError,
  sameOrigin,
} from "./(_components)/forms.ts";
import { CsrfField, FormMessage } from "./(_components)/FormParts.tsx";
import { NoServicesPage, Notice } from "./(_components)/Notice.tsx";
import { pageServices } from "./(_components)/services.ts";
import { can, sessionOf } from "./(_components)/session.ts";
import { textOf } from "./(_components)/text.ts";

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

interface ReportsData {
  readonly reports: readonly DailyReport[];
  /** The day shown, and the API's HTML rendering of it. */
  readonly shown: { readonly date: string; readonly html: string } | null;
  /** Today on the store's clock (simulated in the demo): the day "generate now" builds. */
  readonly today: string;
  readonly done: boolean;
  readonly error: FormError | null;
}

async function load(ctx: Context, extra: Partial<ReportsData> = {}): Promise<ReportsData> {
  const { lang } = textOf(ctx.req);
  const list = await callApi(ctx, "/api/v1/reports?limit=60");
  const reports = list.status === 200 ? (list.body as { items: DailyReport[] }).items : [];
  const asked = ctx.url.searchParams.get("date");
  const date = asked !== null && ISO_DATE.test(asked) ? asked : reports[0]?.date ?? null;
  let shown = null;
  if (date !== null) {
    const rendered = await callApi(ctx, `/api/v1/reports/${date}?format=html&lang=${lang}`);
    if (rendered.status === 200 && typeof rendered.body === "string") {
      shown = { date, html: rendered.body };
    }
  }
  const now = pageServices()?.services.store.now() ?? Date.now();
  return {
    reports,
    shown,
    today: seoulDate(now),
    done: ctx.url.searchParams.get("done") === "generate",
    error: null,
    ...extra,
  };
}

export const handler = define.handlers({
  GET: async (ctx) => ({ data: sessionOf(ctx.state) ? await load(ctx) : null }),
  POST: async (ctx) => {
    const { t } = textOf(ctx.req);
    const fields = await formFields(ctx.req);
    if (!sameOrigin(ctx.req)) {
      return page(await load(ctx, { error: pageError("generate", t.session.csrfFailed) }), {
        status: 403,
      });
    }
    const date = ISO_DATE.test(fields.date ?? "") ? fields.date : "invalid";
    const answer = await callApi(ctx, `/api/v1/reports/${date}/generate`, {
      method: "POST",
      csrf: fields.csrf ?? "",
    });
    if (answer.status !== 200 && answer.status !== 201) {
      const error = formError("generate", problemOf(answer), t);
      return page(await load(ctx, { error }), { status: 422 });
    }
    return doneRedirect("/reports", "generate");
  },
});

function ReportList(
  { reports, shown, t }: {
    readonly reports: readonly DailyReport[];
    readonly shown: string | null;
    readonly t: Messages;
  },
) {
  const r = t.reports;
  const c = t.columns;
  return (
    <div class="table-scroll" tabIndex={0} role="region" aria-label={r.list}>
      <table class="data" data-testid="reports-table">
        <thead>
          <tr>
            <th scope="col">{c.day}</th>
            <th scope="col" class="num">{r.equity}</th>
            <th scope="col" class="num">{r.dayPnl}</th>
            <th scope="col" class="num">{r.cumulative}</th>
            <th scope="col">{r.generatedAt}</th>
          </tr>
        </thead>
        <tbody>
          {reports.map((report) => (
            <tr>
              <td class="nowrap">
                <a
                  href={`/reports?date=${report.date}`}
                  aria-current={report.date === shown ? "page" : undefined}
                >
                  {report.date}
                </a>
              </td>
              <td class="num">{formatKrw(report.equity.total)}</td>
              <td class={`num ${toneClass(report.pnl.day)}`}>
                {formatSignedKrw(report.pnl.day)} ({formatPercent(report.pnl.dayBasisPoints, true)})
              </td>
              <td class={`num ${toneClass(report.pnl.cumulative)}`}>
                {formatSignedKrw(report.pnl.cumulative)}
              </td>
              <td class="nowrap">{formatKst(report.generatedAt)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

export default define.page<typeof handler>(function Reports({ data, req, state }) {
  const { t } = textOf(req);
  const r = t.reports;
  const session = sessionOf(state);
  if (data === null || session === null) {
    return <NoServicesPage title={r.title} message={t.common.noServices} />;
  }
  return (
    <section class="page">
      <div class="page-head">
        <h1>{r.title}</h1>
        {can(session, "trader") && (
          <form method="post" class="inline-form" data-testid="generate-form">
            <CsrfField csrf={session.csrf} />
            <input type="hidden" name="date" value={data.today} />
            <button type="submit">{r.generate(data.today)}</button>
          </form>
        )}
      </div>
      <FormMessage
        form="generate"
        error={data.error}
        done={data.done ? "generate" : null}
        doneText={r.generated}
      />
      <article class="card">
        <h2>{r.list}</h2>
        {data.reports.length === 0
          ? <Notice kind="empty">{r.empty}</Notice>
          : <ReportList reports={data.reports} shown={data.shown?.date ?? null} t={t} />}
      </article>
      {data.shown && (
        <article class="card">
          <h2>{r.day(data.shown.date)}</h2>
          {/* The API's rendering, sandboxed: no script runs and it cannot reach this page. */}
          <iframe
            class="report-frame"
            title={r.day(data.shown.date)}
            sandbox=""
            srcDoc={data.shown.html}
            data-testid="report-frame"
          />
        </article>
      )}
    </section>
  );
});
