import type { Alert, AlertRule } from "@/core/alerts/mod.ts";
import { formatKrw, formatKst, formatPercent } from "@/core/web/format.ts";
import type { Messages } from "@/core/web/i18n/mod.ts";
import { type AlertsView, loadAlerts } from "@/core/web/views/mod.ts";
import { type Context, page } from "@/core/web/mod.ts";
import { define } from "../utils.ts";
import {
  ALERT_FORMS,
  AlertForm,
  type AlertFormName,
  alertRequest,
} from "./(_components)/AlertForm.tsx";
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

interface AlertsData {
  readonly view: AlertsView | null;
  readonly done: AlertFormName | null;
  readonly error: FormError | null;
  readonly values: Readonly<Record<string, string>>;
}

async function load(ctx: Context, extra: Partial<AlertsData> = {}): Promise<AlertsData> {
  const running = pageServices();
  const view = running ? await loadAlerts(running.services.store, running.accountId) : null;
  const done = ctx.url.searchParams.get("done");
  return {
    view,
    done: ALERT_FORMS.find((form) => form === done) ?? null,
    error: null,
    values: {},
    ...extra,
  };
}

/** Carries out one of the page's forms through the API; a refusal shows the page again. */
async function submit(ctx: Context): Promise<Response | AlertsData> {
  const { t } = textOf(ctx.req);
  const fields = await formFields(ctx.req);
  const form = ALERT_FORMS.find((name) => name === fields.form) ?? "create";
  const refuse = (error: FormError) => load(ctx, { error, values: fields });
  if (!sameOrigin(ctx.req)) return refuse(pageError(form, t.session.csrfFailed));
  const csrf = fields.csrf ?? "";
  const id = encodeURIComponent(fields.id ?? "");
  if (form === "create") {
    const request = alertRequest(fields);
    if (typeof request === "string") return refuse(pageError(form, t.alertForm[request]));
    const answer = await callApi(ctx, "/api/v1/alerts", { method: "POST", csrf, body: request });
    if (answer.status !== 201) {
      // every field of the rule is typed into the one value box
      const rename = (name: string) => name.startsWith("rule") ? "value" : name.split(".")[0]!;
      return refuse(formError(form, problemOf(answer), t, rename));
    }
    return doneRedirect("/alerts", form);
  }
  const answer = form === "delete"
    ? await callApi(ctx, `/api/v1/alerts/${id}`, { method: "DELETE", csrf })
    : await callApi(ctx, `/api/v1/alerts/${id}/${form}`, { method: "POST", csrf });
  if (answer.status !== 200) return refuse(formError(form, problemOf(answer), t));
  return doneRedirect("/alerts", form);
}

export const handler = define.handlers({
  GET: async (ctx) => ({ data: await load(ctx) }),
  POST: async (ctx) => {
    const result = await submit(ctx);
    if (result instanceof Response) return result;
    return page(result, { status: 422 });
  },
});

/** A percentage of the alert schema (a number like 5.25) as `5.25%`. */
function percent(value: number): string {
  return formatPercent(Math.round(value * 100));
}

/** The rule in words, with the price it fires at. */
function ruleText(rule: AlertRule, t: Messages): string {
  const a = t.alerts;
  switch (rule.kind) {
    case "stop_loss":
    case "take_profit": {
      const basis = rule.trigger.basis === "price"
        ? ""
        : ` (${
          a.percentFromCost(percent(rule.trigger.percent), formatKrw(rule.trigger.averageCost))
        })`;
      return `${formatKrw(rule.triggerPrice)}${basis}`;
    }
    case "trailing_stop": {
      const trail = rule.trail.unit === "percent"
        ? a.trailPercent(percent(rule.trail.percent))
        : a.trailKrw(formatKrw(rule.trail.amount));
      return rule.highWaterMark === null
        ? trail
        : `${trail} (${a.highWaterMark(formatKrw(rule.highWaterMark))})`;
    }
    case "price_above":
    case "price_below":
      return formatKrw(rule.price);
  }
}

/** One button that posts one of an alert's changes. */
function RowAction(
  { csrf, id, form, label }: {
    readonly csrf: string;
    readonly id: string;
    readonly form: "enable" | "disable" | "delete";
    readonly label: string;
  },
) {
  return (
    <form method="post" class="inline-form">
      <CsrfField csrf={csrf} />
      <input type="hidden" name="form" value={form} />
      <input type="hidden" name="id" value={id} />
      <button type="submit" class={form === "delete" ? "danger" : undefined}>{label}</button>
    </form>
  );
}

/** What the alert does when it fires. */
function actionText(alert: Alert, t: Messages): string {
  const action = alert.action;
  if (action.kind === "notify") return t.alerts.action.notify;
  return action.quantity.kind === "all"
    ? t.alerts.action.exitAll
    : t.alerts.action.exitShares(action.quantity.shares);
}

export default define.page<typeof handler>(function Alerts({ data, req, state }) {
  const { t } = textOf(req);
  const session = sessionOf(state);
  const trader = can(session, "trader");
  const a = t.alerts;
  const c = t.columns;
  const { view } = data;
  if (view === null) {
    return <NoServicesPage title={a.title} message={t.common.noServices} />;
  }
  return (
    <section class="page">
      <div class="page-head">
        <h1>{a.title}</h1>
      </div>
      {trader && session && (
        <AlertForm
          t={t}
          csrf={session.csrf}
          error={data.error}
          values={data.values}
          done={data.done}
        />
      )}
      <article class="card">
        {(["enable", "disable", "delete"] as const).map((form) => (
          <FormMessage
            form={form}
            error={data.error}
            done={data.done}
            doneText={t.alertForm.done[form]}
          />
        ))}
        {view.alerts.length === 0
          ? <Notice kind="empty">{a.empty}</Notice>
          : (
            <div class="table-scroll" tabIndex={0} role="region" aria-label={a.title}>
              <table class="data stacked" data-testid="alerts-table">
                <thead>
                  <tr>
                    <th scope="col">{c.symbol}</th>
                    <th scope="col">{c.rule}</th>
                    <th scope="col">{c.action}</th>
                    <th scope="col">{c.status}</th>
                    <th scope="col">{c.lastTrigger}</th>
                    {trader && <th scope="col">{t.alertForm.manage}</th>}
                  </tr>
                </thead>
                <tbody>
                  {view.alerts.map(({ alert, lastTrigger }) => (
                    <tr>
                      <td data-label={c.symbol}>{alert.symbol}</td>
                      <td data-label={c.rule}>
                        <span>
                          <strong>{a.kind[alert.rule.kind]}</strong> {ruleText(alert.rule, t)}
                        </span>
                      </td>
                      <td data-label={c.action}>{actionText(alert, t)}</td>
                      <td data-label={c.status}>
                        <span class={`status alert-${alert.state.status}`}>
                          {a.state[alert.state.status]}
                        </span>
                      </td>
                      <td class="nowrap" data-label={c.lastTrigger}>
                        {lastTrigger
                          ? `${formatKst(lastTrigger.at)} · ${formatKrw(lastTrigger.price)}`
                          : t.common.notAvailable}
                      </td>
                      {trader && session && (
                        <td data-label={t.alertForm.manage}>
                          <div class="actions">
                            {alert.state.status !== "active" && (
                              <RowAction
                                csrf={session.csrf}
                                id={alert.id}
                                form="enable"
                                label={t.alertForm.enable}
                              />
                            )}
                            {alert.state.status === "active" && (
                              <RowAction
                                csrf={session.csrf}
                                id={alert.id}
                                form="disable"
                                label={t.alertForm.disable}
                              />
                            )}
                            <RowAction
                              csrf={session.csrf}
                              id={alert.id}
                              form="delete"
                              label={t.alertForm.remove}
                            />
                          </div>
                        </td>
                      )}
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
      </article>
      <article class="card">
        <h2>{a.history}</h2>
        {view.history.length === 0
          ? <Notice kind="empty">{a.noHistory}</Notice>
          : (
            <div class="table-scroll" tabIndex={0} role="region" aria-label={a.history}>
              <table class="data stacked" data-testid="alert-history">
                <thead>
                  <tr>
                    <th scope="col">{c.time}</th>
                    <th scope="col">{c.symbol}</th>
                    <th scope="col">{c.rule}</th>
                    <th scope="col" class="num">{c.price}</th>
                    <th scope="col" class="num">{c.level}</th>
                  </tr>
                </thead>
                <tbody>
                  {view.history.map((record) => (
                    <tr>
                      <td class="nowrap" data-label={c.time}>{formatKst(record.at)}</td>
                      <td data-label={c.symbol}>{record.symbol}</td>
                      <td data-label={c.rule}>
                        <span>
                          {a.kind[record.kind as Alert["rule"]["kind"]] ?? record.kind} ·{" "}
                          {a.direction[record.direction]}
                        </span>
                      </td>
                      <td class="num" data-label={c.price}>{formatKrw(record.price)}</td>
                      <td class="num" data-label={c.level}>{formatKrw(record.level)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
      </article>
    </section>
  );
});
