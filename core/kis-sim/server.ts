import { z } from "zod";
import {
  DEFAULT_CALENDAR,
  seoulDate,
  type SessionPhase,
  sessionPhaseAt,
  type TradingCalendar,
} from "../krx/mod.ts";
import { AuthStore, demoCredentials, type SimCredentials } from "./auth.ts";
import { type ClockOptions, SimClock } from "./clock.ts";
import { SimExchange } from "./exchange.ts";
import type { ExchangeEvents } from "./exchange_types.ts";
import { FaultInjector } from "./faults.ts";
import { kstInstant } from "../krx/time.ts";
import { SimMarket, type SimQuote } from "./market.ts";
import type { SimOrder } from "./orders.ts";
import { DEFAULT_RATE_BUDGET, RateLimiter } from "./rate_limit.ts";
import { DEFAULT_PAGE_SIZES, type PageSizes, type RestContext } from "./rest_common.ts";
import { handleRest, type SimStats } from "./rest_gateway.ts";
import { deriveSeed, Rng } from "./rng.ts";
import type { SimSymbol } from "./symbols.ts";
import { TimerSet } from "./timers.ts";
import type { SimEnv } from "./tr_ids.ts";
import { WsHub } from "./ws_hub.ts";

/** How to start a simulator; every field is optional. */
export interface SimulatorOptions {
  /** Seed of market, keys and book (default 1). */
  seed?: number;
  /** KIS environment to imitate (default `real`). */
  env?: SimEnv;
  /** Clock; default: realtime from an instant when the regular session is open ({@link demoStart}). */
  clock?: ClockOptions;
  /** REST port (default 0: any free port). */
  port?: number;
  /** WebSocket port (default 0: any free port). */
  wsPort?: number;
  /** Settled cash of the demo account in won (default 100,000,000). */
  cash?: number;
  /** REST calls per second per app key, or `false` for no limit (default: the env's KIS budget). */
  rateLimit?: number | false;
  /** Page sizes of the paged TRs (default: the env's KIS sizes). */
  pageSizes?: Partial<PageSizes>;
  /** Real milliseconds between PINGPONG frames (default 10,000; 0 disables). */
  pingIntervalMs?: number;
  symbols?: readonly SimSymbol[];
  calendar?: TradingCalendar;
  /** Trading days of daily history before the start date (default 750, about three years). */
  historyDays?: number;
  /**
   * Wall clock in ms, for the realtime clock, the rate budget and token lifetimes (default
   * `Date.now`): clients judge token expiry by their own clock, whatever the market's time.
   */
  wallClock?: () => number;
}

const optionsSchema = z.object({
  seed: z.number().int().optional(),
  env: z.enum(["real", "vts"]).optional(),
  port: z.number().int().min(0).max(65_535).optional(),
  wsPort: z.number().int().min(0).max(65_535).optional(),
  cash: z.number().int().min(0).optional(),
  rateLimit: z.union([z.number().int().positive(), z.literal(false)]).optional(),
  pingIntervalMs: z.number().int().min(0).optional(),
  historyDays: z.number().int().min(1).optional(),
}).loose();

/** Read access to the simulated market and accounts, for assertions and the demo. */
export interface SimMarketView {
  /** Listed symbols. */
  symbols(): readonly SimSymbol[];
  /** Last price of `code` now, in won. */
  price(code: string): number;
  /** Full quote of `code` now. */
  quote(code: string): SimQuote;
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

/** A running simulator; `await using sim = await startSimulator()` closes it at the end of scope. */
export interface Simulator extends AsyncDisposable {
  /** `http://127.0.0.1:<port>`. */
  readonly restUrl: string;
  /** `ws://127.0.0.1:<port>`; clients open `${wsUrl}/tryitout`. */
  readonly wsUrl: string;
  readonly env: SimEnv;
  readonly credentials: SimCredentials;
  readonly clock: SimClock;
  readonly faults: FaultInjector;
  readonly market: SimMarketView;
  readonly stats: SimStats;
  /** Closes every listener, socket and timer. */
  close(): Promise<void>;
}

/**
 * A start instant for the demo: `now` itself when the regular session is open, otherwise 09:00:30
 * KST of the latest trading day on or before today, so the simulated market is open on start.
 */
export function demoStart(now: Date, calendar: TradingCalendar = DEFAULT_CALENDAR): Date {
  if (sessionPhaseAt(now, calendar) === "continuous") return now;
  const today = seoulDate(now);
  const day = calendar.isTradingDay(today) ? today : calendar.previousTradingDay(today);
  return kstInstant(day, 9, 0, 30);
}

const DEMO_ACCOUNT_NAME = "모의고객";
const PUMP_INTERVAL_MS = 250;

/**
 * Starts the KIS simulator on 127.0.0.1: REST on one port, WebSocket on another.
 *
 * @example
 * await using sim = await startSimulator({ seed: 42, clock: { mode: "manual", start: new Date() } });
 */
export function startSimulator(options: SimulatorOptions = {}): Promise<Simulator> {
  const parsed = optionsSchema.safeParse(options);
  if (!parsed.success) {
    throw new TypeError(`invalid simulator options: ${z.prettifyError(parsed.error)}`);
  }
  const seed = options.seed ?? 1;
  const env = options.env ?? "real";
  const calendar = options.calendar ?? DEFAULT_CALENDAR;
  const wallNow = options.wallClock ?? (() => Date.now());
  const clock = new SimClock(
    options.clock ?? { mode: "realtime", start: demoStart(new Date(wallNow()), calendar) },
    wallNow,
  );
  const credentials = demoCredentials(new Rng(deriveSeed(seed, "credentials")));
  const market = new SimMarket({
    seed,
    start: clock.now(),
    calendar,
    symbols: options.symbols,
    historyDays: options.historyDays,
  });
  const exchange = new SimExchange(market, env);
  exchange.openAccount(
    credentials.account,
    credentials.htsId,
    DEMO_ACCOUNT_NAME,
    options.cash ?? 100_000_000,
  );
  const auth = new AuthStore(credentials, new Rng(deriveSeed(seed, "tokens")));
  const timers = new TimerSet();
  let hub: WsHub | null = null;
  const faults = new FaultInjector((fault) => {
    if (fault.kind === "expireToken") auth.expireAll(new Date(wallNow()));
    else if (fault.kind === "dropWebSocket") hub?.dropAll();
    else hub?.ping(fault.count, false);
  });
  hub = new WsHub({
    env,
    appKey: credentials.appKey,
    auth,
    market,
    clock,
    faults,
    rng: new Rng(deriveSeed(seed, "websocket")),
    timers,
    htsIds: () => exchange.accounts().map((a) => a.htsId),
  });
  const wsHub = hub;
  const publish = (events: ExchangeEvents) => wsHub.publish(events);
  const sync = () => {
    const now = clock.now();
    if (now.getTime() > market.instant.getTime()) publish(exchange.sync(now));
  };
  const ctx: RestContext = {
    env,
    credentials,
    clock,
    exchange,
    auth,
    pageSizes: { ...DEFAULT_PAGE_SIZES[env], ...options.pageSizes },
    publish,
  };
  const budget = options.rateLimit ?? DEFAULT_RATE_BUDGET[env];
  const stats = {
    requests: 0,
    rateLimited: 0,
    get tokenIssuances() {
      return auth.issuances;
    },
  };
  const deps = {
    ctx,
    auth,
    faults,
    limiter: budget === false ? null : new RateLimiter(budget),
    stats,
    wallNow,
    delay: (ms: number) => timers.delay(ms),
    sync,
  };
  const restServer = serve(options.port ?? 0, (request) => handleRest(request, deps));
  const wsServer = serve(options.wsPort ?? 0, (request) => wsHub.handle(request));
  const stopClockListener = clock.onChange(sync);
  if (clock.mode !== "manual") timers.interval(sync, PUMP_INTERVAL_MS);
  const pingInterval = options.pingIntervalMs ?? 10_000;
  if (pingInterval > 0) timers.interval(() => wsHub.ping(), pingInterval);

  const accountOf = (id: string | undefined) => {
    sync();
    const accountId = id ?? credentials.account;
    const account = exchange.account(accountId);
    if (!account) throw new RangeError(`no simulated account ${accountId}`);
    return account;
  };
  const view: SimMarketView = {
    symbols: () => market.symbols,
    price: (code) => view.quote(code).last,
    quote: (code) => {
      sync();
      return market.quote(code);
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

  const close = async () => {
    stopClockListener();
    await timers.clear();
    await wsHub.close();
    await Promise.all([restServer.shutdown(), wsServer.shutdown()]);
  };
  return Promise.resolve({
    restUrl: `http://127.0.0.1:${restServer.addr.port}`,
    wsUrl: `ws://127.0.0.1:${wsServer.addr.port}`,
    env,
    credentials,
    clock,
    faults,
    market: view,
    stats,
    close,
    [Symbol.asyncDispose]: close,
  });
}

function serve(
  port: number,
  handler: (request: Request) => Response | Promise<Response>,
): Deno.HttpServer<Deno.NetAddr> {
  return Deno.serve({ hostname: "127.0.0.1", port, onListen: () => {} }, handler);
}
