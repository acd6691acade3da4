/**
 * The portfolio's view at the latest streamed prices, for the live islands: the server's balance
 * repriced with the quotes newer than it, and which way each changed price moved.
 * @module
 */
import { useRef } from "preact/hooks";
import type { Balance } from "../../broker/types.ts";
import { repriceBalance } from "../../portfolio/reprice.ts";
import { type PortfolioBalanceView, portfolioOfBalance } from "../views/portfolio_view.ts";
import { liveQuotes } from "./live_events.ts";

/** A move to flash: its direction and a counter that restarts the animation. */
export interface Flash {
  readonly tone: "up" | "down";
  readonly n: number;
}

/**
 * `balance` (read at `asOf`, store clock) at the quotes written after it, as the page's view, the
 * holdings kept in the server's order (largest first when it rendered) so rows do not jump about;
 * the quotes come from {@link liveQuotes}, so a component calling this re-renders as prices arrive.
 */
export function livePortfolio(balance: Balance, asOf: number): PortfolioBalanceView {
  const prices = new Map<string, number>();
  for (const quote of liveQuotes.value.values()) {
    if (quote.at >= asOf) prices.set(quote.symbol, quote.price);
  }
  const rendered = portfolioOfBalance(balance, "");
  if (prices.size === 0) return rendered;
  const live = portfolioOfBalance(repriceBalance(balance, prices), "");
  const rank = new Map(rendered.holdings.map((h, i) => [h.symbol, i]));
  const holdings = [...live.holdings].sort((a, b) =>
    (rank.get(a.symbol) ?? 0) - (rank.get(b.symbol) ?? 0)
  );
  return { ...live, holdings };
}

/**
 * A hook remembering each keyed number between renders: the flash of each key whose number moved
 * since the last render (and those still flashing from before, kept by their counter).
 */
export function useFlashes(values: ReadonlyMap<string, number>): ReadonlyMap<string, Flash> {
  const seen = useRef(new Map<string, number>());
  const flashes = useRef(new Map<string, Flash>());
  for (const [key, value] of values) {
    const before = seen.current.get(key);
    if (before !== undefined && before !== value) {
      const n = (flashes.current.get(key)?.n ?? 0) + 1;
      flashes.current.set(key, { tone: value > before ? "up" : "down", n });
    }
    seen.current.set(key, value);
  }
  return flashes.current;
}

/** The CSS class of a flash (`flash-up`, `flash-down`), or none. */
export function flashClass(flash: Flash | undefined): string {
  return flash ? ` flash-${flash.tone}` : "";
}
