import { useEffect } from "preact/hooks";
import type { Balance } from "@/core/broker/types.ts";
import { flashClass, livePortfolio, useFlashes } from "@/core/web/client/live_balance.ts";
import { openLiveEvents } from "@/core/web/client/live_events.ts";
import { Krw, SignedKrw, SignedPercent } from "../routes/(_components)/Money.tsx";

/** The totals' labels, from the page's message table. */
export interface LiveTotalsText {
  readonly totalEquity: string;
  readonly profitLoss: string;
  readonly cash: string;
  readonly cashD2: string;
  readonly securities: string;
}

/** Props of {@link LiveTotals}. */
export interface LiveTotalsProps {
  /** The broker's balance the page was rendered from. */
  readonly balance: Balance;
  /** When it was read, on the store's clock (epoch ms): older quotes are ignored. */
  readonly asOf: number;
  readonly text: LiveTotalsText;
}

/**
 * The account's totals as cards (equity first, then PnL, cash today and after D+2, holdings),
 * moving with the holdings' streamed prices: equity, PnL and the holdings' value follow each
 * `quote` event, equity flashing up or down. Without the script, the server's numbers.
 */
export default function LiveTotals({ balance, asOf, text }: LiveTotalsProps) {
  useEffect(() => openLiveEvents().release, []);
  const { totals } = livePortfolio(balance, asOf);
  const flash = useFlashes(new Map([["equity", totals.equity]])).get("equity");
  return (
    <dl class="stats" data-testid="portfolio-totals">
      <div class="stat stat-main">
        <dt>{text.totalEquity}</dt>
        <dd
          key={flash?.n ?? 0}
          class={flashClass(flash).trim() || undefined}
          data-testid="total-equity"
          data-flash={flash?.tone}
        >
          <Krw value={totals.equity} />
        </dd>
      </div>
      <div class="stat">
        <dt>{text.profitLoss}</dt>
        <dd data-testid="total-pnl">
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
            <dt>{text[key]}</dt>
            <dd>
              <Krw value={value} />
            </dd>
          </div>
        ))}
    </dl>
  );
}
