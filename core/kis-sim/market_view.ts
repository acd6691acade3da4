import type { SessionPhase } from "../krx/mod.ts";
import type { SimExchange } from "./exchange.ts";
import type { TapeView } from "./intraday.ts";
import type { SimQuote } from "./market.ts";
import type { SimOrder } from "./orders.ts";
import type { SimSymbol } from "./symbols.ts";

/** Read access to the simulated market and accounts, for assertions and the demo. */
export interface SimMarketView {
  /** Listed symbols. */
  symbols(): readonly SimSymbol[];
  /** Last price of `code` now, in won. */
  price(code: string): number;
  /** Full quote of `code` now: KRX's (default), or both venues' trades (`integrated`). */
  quote(code: string, view?: TapeView): SimQuote;
  /** Market phase now. */
  phase(): SessionPhase;
  /** Cash and holdings of an account (default: the demo account). */
  account(id?: string): AccountView;
  /** The order journal of an account, oldest first. */
  orders(id?: string): readonly SimOrder[];
  /** Adds `count` past filled orders to an account's journal (for paging tests); cash and holdings untouched. */
  seedFills(id: string, count: number): void;
}

/** An account's state in won and shares. */
export interface AccountView {
  /** Settled cash (`dnca_tot_amt`). */
  readonly cash: number;
  /** Cash available for new buys. */
  readonly orderableCash: number;
  /** Unsettled net cash movement (sale proceeds minus purchases, D+2). */
  readonly unsettled: number;
  readonly holdings: readonly { code: string; qty: number; avgPrice: number }[];
}

/**
 * The view of `exchange` a running simulator offers; every read first brings the exchange to the
 * clock (`sync`). `defaultAccount` is the account read when none is named.
 */
export function marketView(
  exchange: SimExchange,
  defaultAccount: string,
  sync: () => void,
): SimMarketView {
  const market = exchange.market;
  const accountOf = (id: string | undefined) => {
    sync();
    const accountId = id ?? defaultAccount;
    const account = exchange.account(accountId);
    if (!account) throw new RangeError(`no simulated account ${accountId}`);
    return account;
  };
  const view: SimMarketView = {
    symbols: () => market.symbols,
    price: (code) => view.quote(code).last,
    quote: (code, view) => {
      sync();
      return market.quote(code, view);
    },
    phase: () => {
      sync();
      return exchange.phase();
    },
    account: (id) => {
      const account = accountOf(id);
      return {
        cash: account.deposit,
        orderableCash: exchange.orderableCash(account.id),
        unsettled: account.pendingNet(),
        holdings: [...account.holdings.values()].filter((h) => h.qty > 0).map((h) => ({
          code: h.code,
          qty: h.qty,
          avgPrice: h.cost / h.qty,
        })),
      };
    },
    orders: (id) => exchange.orders(accountOf(id).id),
    seedFills: (id, count) => exchange.seedFills(accountOf(id).id, count),
  };
  return view;
}
