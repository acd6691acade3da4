import type { RebalancePlan, RebalanceRun } from "@/core/rebalance/mod.ts";
import { formatKrw, formatKst, formatPercent, toneClass } from "@/core/web/format.ts";
import type { Messages } from "@/core/web/i18n/mod.ts";
import { Notice } from "./Notice.tsx";

/** Each targeted or held symbol: its weight now, its target and the drift, and the planned trade. */
export function PlanTable({ plan, t }: { readonly plan: RebalancePlan; readonly t: Messages }) {
  const r = t.rebalancing;
  const c = t.columns;
  return (
    <>
      <div class="table-scroll" tabIndex={0} role="region" aria-label={r.drift}>
        <table class="data" data-testid="drift-table">
          <thead>
            <tr>
              <th scope="col">{c.symbol}</th>
              <th scope="col" class="num">{c.price}</th>
              <th scope="col" class="num">{r.current}</th>
              <th scope="col" class="num">{r.target}</th>
              <th scope="col" class="num">{r.driftColumn}</th>
              <th scope="col" class="num">{r.after}</th>
              <th scope="col">{c.status}</th>
            </tr>
          </thead>
          <tbody>
            {plan.symbols.map((row) => (
              <tr>
                <td>{row.symbol}</td>
                <td class="num">{formatKrw(row.price)}</td>
                <td class="num">{formatPercent(row.currentBasisPoints)}</td>
                <td class="num">{formatPercent(row.targetBasisPoints)}</td>
                <td class={`num ${toneClass(row.driftBasisPoints)}`}>
                  {formatPercent(row.driftBasisPoints, true)}
                </td>
                <td class="num">{formatPercent(row.afterBasisPoints)}</td>
                <td>{r.symbolStatus[row.status]}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <h3>{r.plannedOrders}</h3>
      {plan.orders.length === 0
        ? <Notice kind="empty">{r.noOrders}</Notice>
        : (
          <div class="table-scroll" tabIndex={0} role="region" aria-label={r.plannedOrders}>
            <table class="data" data-testid="plan-orders">
              <thead>
                <tr>
                  <th scope="col">{c.side}</th>
                  <th scope="col">{c.symbol}</th>
                  <th scope="col" class="num">{c.quantity}</th>
                  <th scope="col" class="num">{c.value}</th>
                </tr>
              </thead>
              <tbody>
                {plan.orders.map((order) => (
                  <tr>
                    <td class={order.side === "buy" ? "up" : "down"}>{t.side[order.side]}</td>
                    <td>{order.symbol}</td>
                    <td class="num">{order.qty.toLocaleString("en")}</td>
                    <td class="num">{formatKrw(order.value)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      <p class="muted">
        {r.cashAfter(formatKrw(plan.cash), formatKrw(plan.cashAfter))}
      </p>
    </>
  );
}

/** What happened to one order of a run, in words. */
function outcomeText(outcome: RebalanceRun["orders"][number]["outcome"], t: Messages): string {
  const o = t.rebalancing.outcome;
  switch (outcome.kind) {
    case "pending":
      return o.pending;
    case "placed":
      return `${o.placed} · ${t.orderStatus[outcome.status]}`;
    case "rejected":
      return `${o.rejected}: ${outcome.rejections.map((r) => r.message).join(", ")}`;
    case "skipped":
      return o.skipped(formatKrw(outcome.availableKrw));
    case "error":
      return `${o.error}: ${outcome.message}`;
  }
}

/** Past runs, newest first, each with its orders and what became of them. */
export function RunTimeline(
  { runs, t }: { readonly runs: readonly RebalanceRun[]; readonly t: Messages },
) {
  const r = t.rebalancing;
  if (runs.length === 0) return <Notice kind="empty">{r.noRuns}</Notice>;
  return (
    <ol class="timeline" data-testid="run-timeline">
      {runs.map((run) => (
        <li class={`run run-${run.result}`}>
          <p>
            <strong>{formatKst(run.startedAt)}</strong> · {r.result[run.result]}
            {run.error && ` · ${run.error}`}
          </p>
          {run.orders.length > 0 && (
            <ul>
              {run.orders.map((order) => (
                <li>
                  <span class={order.request.side === "buy" ? "up" : "down"}>
                    {t.side[order.request.side]}
                  </span>{" "}
                  {order.request.symbol} {r.shares(order.request.quantity)} ·{" "}
                  {outcomeText(order.outcome, t)}
                </li>
              ))}
            </ul>
          )}
        </li>
      ))}
    </ol>
  );
}
