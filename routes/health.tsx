import type { JobSchedule } from "@/core/jobs/mod.ts";
import { formatKst } from "@/core/web/format.ts";
import type { Messages } from "@/core/web/i18n/mod.ts";
import { type JobRow, loadHealth } from "@/core/web/views/mod.ts";
import { page } from "@/core/web/mod.ts";
import { define } from "../utils.ts";
import { callApi, problemOf } from "./(_components)/api.ts";
import { formFields, problemText, sameOrigin } from "./(_components)/forms.ts";
import { CsrfField } from "./(_components)/FormParts.tsx";
import { NoServicesPage } from "./(_components)/Notice.tsx";
import { can, sessionOf } from "./(_components)/session.ts";
import { pageServices } from "./(_components)/services.ts";
import { textOf } from "./(_components)/text.ts";

/** How often the page reloads itself (the `Refresh` header; no script). */
const REFRESH_SECONDS = 30;

/** What a "Run now" form post came to, shown above the jobs table. */
interface RunNotice {
  readonly ok: boolean;
  readonly text: string;
}

async function view() {
  const running = pageServices();
  return running ? await loadHealth(running.services) : null;
}

/** Asks the API to run the posted job now and words its answer. */
async function runNow(ctx: Parameters<typeof callApi>[0], t: Messages): Promise<RunNotice> {
  const fields = await formFields(ctx.req);
  if (!sameOrigin(ctx.req)) return { ok: false, text: t.session.csrfFailed };
  const job = fields.job ?? "";
  const answer = await callApi(ctx, `/api/v1/jobs/${encodeURIComponent(job)}/run`, {
    method: "POST",
    csrf: fields.csrf ?? "",
  });
  if (answer.status === 200) {
    const body = answer.body as { outcome: string; reason?: string };
    return body.outcome === "skipped"
      ? { ok: false, text: t.jobRun.skipped(job, body.reason ?? "") }
      : { ok: true, text: t.jobRun.ran(job) };
  }
  const problem = problemOf(answer);
  if (problem.code === "job_running") return { ok: false, text: t.jobRun.running(job) };
  return { ok: false, text: problemText(problem, t) };
}

export const handler = define.handlers({
  GET: async () => {
    return page({ view: await view(), notice: null as RunNotice | null }, {
      headers: { refresh: String(REFRESH_SECONDS) },
    });
  },
  POST: async (ctx) => {
    if (sessionOf(ctx.state) === null) return ctx.redirect("/login", 303);
    const notice = await runNow(ctx, textOf(ctx.req).t);
    return page({ view: await view(), notice });
  },
});

/** A job's schedule in words: its KST times or interval, and its days. */
function scheduleText(schedule: JobSchedule, t: Messages): string {
  const { kst } = schedule;
  const days = kst.days.length === 7 ? t.health.everyDay : t.health.weekdays;
  const when = kst.kind === "at"
    ? t.health.at(kst.times.join(", "))
    : t.health.everyMinutes(kst.minutes, kst.from, kst.until);
  return `${days} ${when} KST`;
}

/** A job's last run in words. */
function lastRunText(job: JobRow, t: Messages): string {
  const run = job.lastRun;
  if (run === null) return t.health.neverRan;
  if (run.state === "running") return `${t.health.running} · ${formatKst(run.startedAt)}`;
  const outcome = run.state === "ok" ? t.health.ok : t.health.failed(run.error ?? "");
  return `${outcome} · ${formatKst(run.finishedAt)} · ${run.durationMs.toLocaleString("en")} ms`;
}

export default define.page<typeof handler>(function Health({ data, req, state }) {
  const { t } = textOf(req);
  const h = t.health;
  const c = t.columns;
  const { view, notice } = data;
  const session = sessionOf(state);
  const admin = session !== null && can(session, "admin");
  if (view === null) {
    return <NoServicesPage title={h.title} message={t.common.noServices} />;
  }
  return (
    <section class="page">
      <div class="page-head">
        <h1>{h.title}</h1>
        <p class="muted">{h.refresh(REFRESH_SECONDS)}</p>
      </div>
      <dl class="stats" data-testid="health-facts">
        <div class="stat">
          <dt>{h.mode}</dt>
          <dd>{view.mode === "demo" ? h.modeDemo : h.modeKis} · {view.label}</dd>
        </div>
        <div class="stat">
          <dt>{h.broker}</dt>
          <dd data-testid="broker-state" class={view.brokerError ? "bad" : "good"}>
            {view.brokerError ? `${h.brokerDown} (${view.brokerError})` : h.brokerOk}
          </dd>
        </div>
        <div class="stat">
          <dt>{h.killSwitch}</dt>
          <dd data-testid="kill-switch" class={view.killSwitch.on ? "bad" : "good"}>
            {view.killSwitch.on ? h.killOn(view.killSwitch.reason) : h.killOff}
          </dd>
        </div>
        <div class="stat">
          <dt>{h.version}</dt>
          <dd>{view.version}</dd>
        </div>
        <div class="stat">
          <dt>{h.store}</dt>
          <dd data-testid="store-state" class={view.kv.reachable ? "good" : "bad"}>
            {view.kv.reachable
              ? h.storeOk((view.kv.latencyMs ?? 0).toFixed(1))
              : h.storeDown(view.kv.error ?? "")}
          </dd>
        </div>
        <div class="stat">
          <dt>{h.token}</dt>
          <dd data-testid="token-state">
            {view.kis.token.secondsLeft === null
              ? h.tokenNone
              : h.tokenLeft((view.kis.token.secondsLeft / 3600).toFixed(1))}
          </dd>
        </div>
        <div class="stat">
          <dt>{h.stream}</dt>
          <dd
            data-testid="stream-state"
            class={view.kis.ws.connected === false ? "bad" : undefined}
          >
            {view.kis.ws.connected === null
              ? h.streamNone
              : view.kis.ws.connected
              ? h.streamOpen(view.kis.ws.subscriptions)
              : h.streamClosed}
          </dd>
        </div>
        <div class="stat">
          <dt>{h.queue}</dt>
          <dd data-testid="queue-state">
            {h.queueDepth(view.notifications.queued, view.notifications.retrying)}
          </dd>
        </div>
      </dl>
      <article class="card">
        <h2>{h.jobs}</h2>
        {notice && (
          <p
            class={notice.ok ? "form-ok" : "form-error"}
            role={notice.ok ? "status" : "alert"}
            data-testid="job-run-notice"
          >
            {notice.text}
          </p>
        )}
        <div class="table-scroll" tabIndex={0} role="region" aria-label={h.jobs}>
          <table class="data" data-testid="jobs-table">
            <thead>
              <tr>
                <th scope="col">{c.job}</th>
                <th scope="col">{c.schedule}</th>
                <th scope="col">{c.lastRun}</th>
                {admin && <th scope="col">{t.jobRun.runNow}</th>}
              </tr>
            </thead>
            <tbody>
              {view.jobs.map((job) => (
                <tr>
                  <th scope="row">
                    <span class="code">{job.name}</span>
                    <br />
                    <span class="muted small">{h.jobSummary[job.name]}</span>
                  </th>
                  <td>{scheduleText(job.schedule, t)}</td>
                  <td class={job.lastRun?.state === "error" ? "bad" : undefined}>
                    {lastRunText(job, t)}
                  </td>
                  {admin && (
                    <td>
                      <form method="post" data-testid={`run-${job.name}`}>
                        <CsrfField csrf={session.csrf} />
                        <input type="hidden" name="job" value={job.name} />
                        <button type="submit">{t.jobRun.runNow}</button>
                      </form>
                    </td>
                  )}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </article>
    </section>
  );
});
