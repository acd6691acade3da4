import { useEffect } from "preact/hooks";
import type { Balance } from "@/core/broker/types.ts";
import { flashClass, livePortfolio, useFlashes } from "@/core/web/client/live_balance.ts";
import { openLiveEvents } from "@/core/web/client/live_events.ts";
import { formatKrw, formatPercent } from "@/core/web/format.ts";
import { SignedKrw, SignedPercent } from "../routes/(_components)/Money.tsx";
import { Notice } from "../routes/(_components)/Notice.tsx";

/** The holdings card's words, from the page's message table. */
export interface LiveHoldingsText {
  readonly holdings: string;
  readonly noHoldings: string;
  readonly columns: {
    readonly symbol: string;
    readonly quantity: string;
    readonly averagePrice: string;
    readonly lastPrice: string;
    readonly pnl: string;
    readonly weight: string;
    readonly alerts: string;
  };
}

/** Props of {@link LiveHoldings}. */
export interface LiveHoldingsProps {
  /** The broker's balance the page was rendered from. */
  readonly balance: Balance;
  /** When it was read, on the store's clock (epoch ms): older quotes are ignored. */
  readonly asOf: number;
  /** How many active alerts watch each symbol; the column links to the alerts page. */
  readonly activeAlerts: Readonly<Record<string, number>>;
  readonly text: LiveHoldingsText;
}

/**
 * The holdings (quantity, average, last, PnL with return, weight of equity, active alerts), largest
 * first, moving
 * with the streamed prices: a `quote` event updates its row's last price, PnL and every row's
 * weight, the price flashing in the up or down colour. Without the script, the server's numbers.
 */
export default function LiveHoldings({ balance, asOf, activeAlerts, text }: LiveHoldingsProps) {
  useEffect(() => openLiveEvents().release, []);
  const { holdings } = livePortfolio(balance, asOf);
  const flashes = useFlashes(new Map(holdings.map((h) => [h.symbol, h.price])));
  const c = text.columns;
  return (
    <article class="card">
      <h2>{text.holdings}</h2>
      {holdings.length === 0
        ? <Notice kind="empty">{text.noHoldings}</Notice>
        : (
          <div class="table-scroll" tabIndex={0} role="region" aria-label={text.holdings}>
            <table class="data" data-testid="holdings-table">
              <thead>
                <tr>
                  <th scope="col">{c.symbol}</th>
                  <th scope="col" class="num">{c.quantity}</th>
                  <th scope="col" class="num">{c.averagePrice}</th>
                  <th scope="col" class="num">{c.lastPrice}</th>
                  <th scope="col" class="num">{c.pnl}</th>
                  <th scope="col" class="num">{c.weight}</th>
                  <th scope="col" class="num">{c.alerts}</th>
                </tr>
              </thead>
              <tbody>
                {holdings.map((h) => {
                  const flash = flashes.get(h.symbol);
                  return (
                    <tr key={h.symbol} data-symbol={h.symbol}>
                      <th scope="row">
                        {h.name} <span class="muted code">{h.symbol}</span>
                      </th>
                      <td class="num">{h.quantity.toLocaleString("en")}</td>
                      <td class="num">{formatKrw(h.averagePrice)}</td>
                      <td
                        key={`price-${flash?.n ?? 0}`}
                        class={`num${flashClass(flash)}`}
                        data-testid="holding-price"
                        data-flash={flash?.tone}
                      >
                        {formatKrw(h.price)}
                      </td>
                      <td class="num" data-testid="holding-pnl">
                        <SignedKrw value={h.profitLoss} />
                        <br />
                        <SignedPercent bp={h.returnBp} />
                      </td>
                      <td class="num" data-testid="holding-weight">{formatPercent(h.weightBp)}</td>
                      <td class="num" data-testid="holding-alerts">
                        {activeAlerts[h.symbol]
                          ? <a href="/alerts">{activeAlerts[h.symbol]}</a>
                          : <span class="muted">–</span>}
                      </td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
          </div>
        )}
    </article>
  );
}
