import { formatKrw, formatKst, formatPercent } from "@/core/web/format.ts";
import { sliceColor } from "@/core/web/chart_colors.ts";
import { loadPortfolio } from "@/core/web/views/mod.ts";
import AllocationChart from "../islands/AllocationChart.tsx";
import MarketClock from "../islands/MarketClock.tsx";
import { define } from "../utils.ts";
import { Krw, SignedKrw, SignedPercent } from "./(_components)/Money.tsx";
import { Notice } from "./(_components)/Notice.tsx";
import { OrdersTable } from "./(_components)/OrdersTable.tsx";
import { pageServices } from "./(_components)/services.ts";
import { textOf } from "./(_components)/text.ts";

export const handler = define.handlers({
  GET: async (ctx) => {
    const running = pageServices();
    const view = running
      ? await loadPortfolio(
        running.services,
        running.accountId,
        textOf(ctx.req).t.portfolio.cashSlice,
      )
      : null;
    return { data: { renderedAt: new Date(), view } };
  },
});

export default define.page<typeof handler>(function Portfolio({ data, req }) {
  const { t } = textOf(req);
  const p = t.portfolio;
  const c = t.columns;
  const { view } = data;
  return (
    <section class="page">
      <div class="page-head">
        <h1>{p.title}</h1>
        <MarketClock serverTime={data.renderedAt} />
      </div>
      {view?.balance.ok && <p class="muted small">{t.common.asOf(formatKst(view.asOf))}</p>}
      {view === null && <Notice kind="error">{t.common.noServices}</Notice>}
      {view && !view.balance.ok && (
        <Notice kind="error">
          {t.common.brokerUnreachable} <span class="muted">({view.balance.error})</span>
        </Notice>
      )}
      {view?.balance.ok && (() => {
        const { totals, holdings, allocation } = view.balance.value;
        return (
          <>
            <dl class="stats" data-testid="portfolio-totals">
              <div class="stat stat-main">
                <dt>{p.totalEquity}</dt>
                <dd data-testid="total-equity">
                  <Krw value={totals.equity} />
                </dd>
              </div>
              <div class="stat">
                <dt>{p.profitLoss}</dt>
                <dd>
                  <SignedKrw value={totals.profitLoss} />{" "}
                  {totals.profitLossBp !== null && <SignedPercent bp={totals.profitLossBp} />}
                </dd>
              </div>
              <div class="stat">
                <dt>{p.cash}</dt>
                <dd>
                  <Krw value={totals.cash} />
                </dd>
              </div>
              <div class="stat">
                <dt>{p.cashD2}</dt>
                <dd>
                  <Krw value={totals.cashD2} />
                </dd>
              </div>
              <div class="stat">
                <dt>{p.securities}</dt>
                <dd>
                  <Krw value={totals.securities} />
                </dd>
              </div>
            </dl>
            <div class="split">
              <article class="card">
                <h2>{p.holdings}</h2>
                {holdings.length === 0
                  ? <Notice kind="empty">{p.noHoldings}</Notice>
                  : (
                    <div class="table-scroll" tabIndex={0} role="region" aria-label={p.holdings}>
                      <table class="data" data-testid="holdings-table">
                        <thead>
                          <tr>
                            <th scope="col">{c.symbol}</th>
                            <th scope="col" class="num">{c.quantity}</th>
                            <th scope="col" class="num">{c.averagePrice}</th>
                            <th scope="col" class="num">{c.lastPrice}</th>
                            <th scope="col" class="num">{c.pnl}</th>
                            <th scope="col" class="num">{c.weight}</th>
                          </tr>
                        </thead>
                        <tbody>
                          {holdings.map((h) => (
                            <tr>
                              <th scope="row">
                                {h.name} <span class="muted code">{h.symbol}</span>
                              </th>
                              <td class="num">{h.quantity.toLocaleString("en")}</td>
                              <td class="num">{formatKrw(h.averagePrice)}</td>
                              <td class="num">{formatKrw(h.price)}</td>
                              <td class="num">
                                <SignedKrw value={h.profitLoss} />
                                <br />
                                <SignedPercent bp={h.returnBp} />
                              </td>
                              <td class="num">{formatPercent(h.weightBp)}</td>
                            </tr>
                          ))}
                        </tbody>
                      </table>
                    </div>
                  )}
              </article>
              <article class="card">
                <h2>{p.allocation}</h2>
                <div class="allocation">
                  <AllocationChart
                    slices={allocation.map((slice, i) => ({
                      label: slice.label,
                      value: slice.value,
                      color: sliceColor(slice, i),
                    }))}
                    description={p.allocationChart(
                      allocation.map((s) => `${s.label} ${formatPercent(s.weightBp)}`).join(", "),
                    )}
                  />
                  <table class="data legend" data-testid="allocation-table">
                    <caption class="sr-only">{p.allocation}</caption>
                    <tbody>
                      {allocation.map((slice, i) => (
                        <tr>
                          <th scope="row">
                            <span
                              class="swatch"
                              style={{ background: sliceColor(slice, i) }}
                              aria-hidden="true"
                            />
                            {slice.label}
                          </th>
                          <td class="num">{formatKrw(slice.value)}</td>
                          <td class="num">{formatPercent(slice.weightBp)}</td>
                        </tr>
                      ))}
                    </tbody>
                  </table>
                </div>
              </article>
            </div>
          </>
        );
      })()}
      {view && (
        <article class="card">
          <h2>{p.recentOrders}</h2>
          {view.recentOrders.length === 0
            ? <Notice kind="empty">{t.orders.empty}</Notice>
            : <OrdersTable rows={view.recentOrders} t={t} caption={p.recentOrders} />}
          <p>
            <a href="/orders">{p.allOrders} →</a>
          </p>
        </article>
      )}
    </section>
  );
});
