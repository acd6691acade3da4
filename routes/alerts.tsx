import type { Alert, AlertRule } from "@/core/alerts/mod.ts";
import { formatKrw, formatKst, formatPercent } from "@/core/web/format.ts";
import type { Messages } from "@/core/web/i18n/mod.ts";
import { loadAlerts } from "@/core/web/views/mod.ts";
import { define } from "../utils.ts";
import { Notice } from "./(_components)/Notice.tsx";
import { pageServices } from "./(_components)/services.ts";
import { textOf } from "./(_components)/text.ts";

export const handler = define.handlers({
  GET: async () => {
    const running = pageServices();
    const view = running ? await loadAlerts(running.services.store, running.accountId) : null;
    return { data: { view } };
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

/** What the alert does when it fires. */
function actionText(alert: Alert, t: Messages): string {
  const action = alert.action;
  if (action.kind === "notify") return t.alerts.action.notify;
  return action.quantity.kind === "all"
    ? t.alerts.action.exitAll
    : t.alerts.action.exitShares(action.quantity.shares);
}

export default define.page<typeof handler>(function Alerts({ data, req }) {
  const { t } = textOf(req);
  const a = t.alerts;
  const c = t.columns;
  const { view } = data;
  if (view === null) {
    return (
      <section class="page">
        <h1>{a.title}</h1>
        <Notice kind="error">{t.common.noServices}</Notice>
      </section>
    );
  }
  return (
    <section class="page">
      <div class="page-head">
        <h1>{a.title}</h1>
      </div>
      <article class="card">
        {view.alerts.length === 0
          ? <Notice kind="empty">{a.empty}</Notice>
          : (
            <div class="table-scroll" tabIndex={0} role="region" aria-label={a.title}>
              <table class="data" data-testid="alerts-table">
                <thead>
                  <tr>
                    <th scope="col">{c.symbol}</th>
                    <th scope="col">{c.rule}</th>
                    <th scope="col">{c.action}</th>
                    <th scope="col">{c.status}</th>
                    <th scope="col">{c.lastTrigger}</th>
                  </tr>
                </thead>
                <tbody>
                  {view.alerts.map(({ alert, lastTrigger }) => (
                    <tr>
                      <td>{alert.symbol}</td>
                      <td>
                        <strong>{a.kind[alert.rule.kind]}</strong> {ruleText(alert.rule, t)}
                      </td>
                      <td>{actionText(alert, t)}</td>
                      <td>
                        <span class={`status alert-${alert.state.status}`}>
                          {a.state[alert.state.status]}
                        </span>
                      </td>
                      <td class="nowrap">
                        {lastTrigger
                          ? `${formatKst(lastTrigger.at)} · ${formatKrw(lastTrigger.price)}`
                          : t.common.notAvailable}
                      </td>
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
              <table class="data" data-testid="alert-history">
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
                      <td class="nowrap">{formatKst(record.at)}</td>
                      <td>{record.symbol}</td>
                      <td>
                        {a.kind[record.kind as Alert["rule"]["kind"]] ?? record.kind} ·{" "}
                        {a.direction[record.direction]}
                      </td>
                      <td class="num">{formatKrw(record.price)}</td>
                      <td class="num">{formatKrw(record.level)}</td>
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
