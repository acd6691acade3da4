import { liveActivityActions } from "@/core/web/client/live_activity.ts";
import { colorsOf } from "@/core/web/colors.ts";
import { formatKst } from "@/core/web/format.ts";
import { loadEquity, loadPortfolio } from "@/core/web/views/mod.ts";
import LiveActivity from "../islands/LiveActivity.tsx";
import LiveHoldings from "../islands/LiveHoldings.tsx";
import LiveTotals from "../islands/LiveTotals.tsx";
import MarketClock from "../islands/MarketClock.tsx";
import { appServices } from "@/core/runtime/current.ts";
import { define } from "../utils.ts";
import { Notice } from "./(_components)/Notice.tsx";
import { OrdersTable } from "./(_components)/OrdersTable.tsx";
import { EquityCard } from "./(_components)/EquityCard.tsx";
import { AllocationCard } from "./(_components)/PortfolioParts.tsx";
import { pageServices } from "./(_components)/services.ts";
import { textOf } from "./(_components)/text.ts";

export const handler = define.handlers({
  GET: async (ctx) => {
    const running = pageServices();
    const [view, equity] = running
      ? await Promise.all([
        loadPortfolio(running.services, running.accountId, textOf(ctx.req).t.portfolio.cashSlice),
        loadEquity(running.services, running.accountId),
      ])
      : [null, null];
    // in the demo the clock shows the simulated market's time, which runs its own days
    const status = appServices()?.simulator?.status();
    const simulated = status ? { at: status.now, speed: status.speed } : undefined;
    return { data: { renderedAt: new Date(), simulated, view, equity } };
  },
});

export default define.page<typeof handler>(function Portfolio({ data, req }) {
  const { t } = textOf(req);
  const p = t.portfolio;
  const { view } = data;
  return (
    <section class="page">
      <div class="page-head">
        <h1>{p.title}</h1>
        <MarketClock serverTime={data.renderedAt} simulated={data.simulated} />
      </div>
      {view === null && <Notice kind="error">{t.common.noServices}</Notice>}
      {view && !view.balance.ok && (
        <Notice kind="error">
          {t.common.brokerUnreachable} <span class="muted">({view.balance.error})</span>
        </Notice>
      )}
      {view?.balance.ok && (
        <>
          <p class="muted small">{t.common.asOf(formatKst(view.asOf))}</p>
          <LiveTotals
            balance={view.balance.value.source}
            asOf={view.asOf}
            text={{
              totalEquity: p.totalEquity,
              profitLoss: p.profitLoss,
              cash: p.cash,
              cashD2: p.cashD2,
              securities: p.securities,
            }}
          />
          {data.equity && <EquityCard history={data.equity} t={t} />}
          <div class="split">
            <LiveHoldings
              balance={view.balance.value.source}
              asOf={view.asOf}
              activeAlerts={view.activeAlerts}
              text={{
                holdings: p.holdings,
                noHoldings: p.noHoldings,
                columns: {
                  symbol: t.columns.symbol,
                  quantity: t.columns.quantity,
                  averagePrice: t.columns.averagePrice,
                  lastPrice: t.columns.lastPrice,
                  pnl: t.columns.pnl,
                  weight: t.columns.weight,
                  alerts: t.columns.alerts,
                },
              }}
            />
            <AllocationCard
              allocation={view.balance.value.allocation}
              t={t}
              colors={colorsOf(req)}
            />
          </div>
        </>
      )}
      {view && <LiveActivity text={{ ...t.live, actions: liveActivityActions(t) }} />}
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
