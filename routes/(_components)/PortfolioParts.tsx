import { sliceColor } from "@/core/web/chart_colors.ts";
import type { ColorConvention } from "@/core/web/colors.ts";
import { formatKrw, formatPercent } from "@/core/web/format.ts";
import type { Messages } from "@/core/web/i18n/mod.ts";
import type { PortfolioBalanceView } from "@/core/web/views/mod.ts";
import AllocationChart from "../../islands/AllocationChart.tsx";
import { Krw, SignedKrw, SignedPercent } from "./Money.tsx";
import { Notice } from "./Notice.tsx";

/** The account's totals as cards: equity first, then PnL, cash today and after D+2, holdings. */
export function PortfolioTotals(
  { totals, t }: { readonly totals: PortfolioBalanceView["totals"]; readonly t: Messages },
) {
  const p = t.portfolio;
  return (
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
      {([["cash", totals.cash], ["cashD2", totals.cashD2], [
        "securities",
        totals.securities,
      ]] as const)
        .map(([key, value]) => (
          <div class="stat" key={key}>
            <dt>{p[key]}</dt>
            <dd>
              <Krw value={value} />
            </dd>
          </div>
        ))}
    </dl>
  );
}

/** The holdings: quantity, average, last, PnL with return, weight of equity. */
export function HoldingsCard(
  { holdings, t }: { readonly holdings: PortfolioBalanceView["holdings"]; readonly t: Messages },
) {
  const p = t.portfolio;
  const c = t.columns;
  return (
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
                  <tr key={h.symbol}>
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
  );
}

/** The allocation doughnut (an island) beside the table of the same numbers, its fallback. */
export function AllocationCard(
  { allocation, t, colors }: {
    readonly allocation: PortfolioBalanceView["allocation"];
    readonly t: Messages;
    /** The reader's colour convention, whose up and down colours the slices avoid. */
    readonly colors: ColorConvention;
  },
) {
  const p = t.portfolio;
  const slices = allocation.map((slice, i) => ({
    ...slice,
    color: sliceColor(slice, i, colors),
  }));
  return (
    <article class="card">
      <h2>{p.allocation}</h2>
      <div class="allocation">
        <AllocationChart
          slices={slices.map(({ label, value, color }) => ({ label, value, color }))}
          description={p.allocationChart(
            slices.map((s) => `${s.label} ${formatPercent(s.weightBp)}`).join(", "),
          )}
        />
        <table class="data legend" data-testid="allocation-table">
          <caption class="sr-only">{p.allocation}</caption>
          <tbody>
            {slices.map((slice) => (
              <tr key={slice.symbol ?? "cash"}>
                <th scope="row">
                  <span class="swatch" style={{ background: slice.color }} aria-hidden="true" />
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
  );
}
