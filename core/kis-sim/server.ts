import { z } from "zod";
import {
  DEFAULT_CALENDAR,
  type IsoDate,
  seoulDate,
  sessionPhaseAt,
  sessionTimesOn,
  type TradingCalendar,
} from "../krx/mod.ts";
import { AuthStore, demoCredentials, type SimCredentials } from "./auth.ts";
import { type ClockOptions, SimClock } from "./clock.ts";
import { SimExchange } from "./exchange.ts";
import { SimLedger } from "./ledger.ts";
import type { ExchangeEvents } from "./exchange_types.ts";
import { FaultInjector } from "./faults.ts";
import { kstInstant } from "../krx/time.ts";
import { SimMarket } from "./market.ts";
import { DEFAULT_RATE_BUDGET, RateLimiter } from "./rate_limit.ts";
import { DEFAULT_PAGE_SIZES, type PageSizes } from "./rest_common.ts";
import { type GatewayDeps, handleRest, type SimStats } from "./rest_gateway.ts";
import { deriveSeed, Rng } from "./rng.ts";
import type { SimSymbol } from "./symbols.ts";
import { TimerSet } from "./timers.ts";
import type { SimEnv } from "./tr_ids.ts";
import { WsHub } from "./ws_hub.ts";
import { serveWebSockets } from "./ws_server.ts";
import { marketView, type SimMarketView } from "./market_view.ts";
import { type SimStatus, simStatus } from "./sim_status.ts";

/** How to start a simulator; every field is optional. */
export interface SimulatorOptions {
  /** Seed of market, keys and book (default 1). */
  seed?: number;
  /** KIS environment to imitate (default `real`). */
  env?: SimEnv;
  /**
   * Clock; default: realtime from an instant when the regular session is open ({@link demoStart}).
   * `{ mode: "demo" }` replays trading days back to back, so the market is open at any hour.
   */
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
  /**
   * Where the accounts, orders and fills live across restarts (docs/kis.md, "The ledger across restarts"); without
   * it they live in memory and die with the simulator.
   */
  kv?: Deno.Kv;
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
  kv: z.instanceof(Deno.Kv).optional(),
}).loose();

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
  /** That the market is simulated, and the clock's mode and time, for a UI's banner. */
  status(): SimStatus;
  /**
   * Each open WebSocket session's subscriptions (`trId|trKey`): how many clients stream, and
   * what (KIS allows one session per app key).
   */
  realtimeSessions(): string[][];
  /** Resolves once every change so far is in the ledger (at once without `kv`). */
  persist(): Promise<void>;
  /** Closes every listener, socket and timer, after a last ledger write. */
  close(): Promise<void>;
}

/**
 * A start instant for the demo: `now` itself when the regular session is open, otherwise 30 s
 * after KRX's open (09:00, 10:00 on delayed-opening days) of the latest trading day on or before
 * today, so the simulated market is open on start.
 */
export function demoStart(now: Date, calendar: TradingCalendar = DEFAULT_CALENDAR): Date {
  if (sessionPhaseAt(now, calendar) === "continuous") return now;
  const today = seoulDate(now);
  const day = calendar.isTradingDay(today) ? today : calendar.previousTradingDay(today);
  return kstInstant(day, 0, sessionTimesOn(day).open, 30);
}

/**
 * The demo's start when it resumes a ledger last written on `ledgerDate`: {@link demoStart}, or
 * 30 s after the open of `ledgerDate` when the replayed days had run past today (the demo clock
 * plays trading days back to back, so its market date can be ahead of the wall calendar's).
 */
export function demoResumeStart(
  now: Date,
  ledgerDate: IsoDate | null,
  calendar: TradingCalendar = DEFAULT_CALENDAR,
): Date {
  const start = demoStart(now, calendar);
  if (ledgerDate === null || ledgerDate <= seoulDate(start)) return start;
  return kstInstant(ledgerDate, 0, sessionTimesOn(ledgerDate).open, 30);
}

const DEMO_ACCOUNT_NAME = "모의고객";
const PUMP_INTERVAL_MS = 250;

/** The simulated market, accounts and keys of one simulator, before anything listens. */
interface SimWorld {
  readonly seed: number;
  readonly env: SimEnv;
  readonly wallNow: () => number;
  readonly clock: SimClock;
  readonly credentials: SimCredentials;
  readonly market: SimMarket;
  readonly exchange: SimExchange;
  readonly auth: AuthStore;
}

function buildWorld(options: SimulatorOptions): SimWorld {
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
    calendar,
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
  return { seed, env, wallNow, clock, credentials, market, exchange, auth };
}

/** The WebSocket hub and the fault injector, which acts on the hub and the token store. */
function buildRealtime(world: SimWorld, timers: TimerSet): { hub: WsHub; faults: FaultInjector } {
  let hub: WsHub | null = null;
  const faults = new FaultInjector((fault) => {
    if (fault.kind === "expireToken") world.auth.expireAll(new Date(world.wallNow()));
    else if (fault.kind === "dropWebSocket") hub?.dropAll();
    else hub?.ping(fault.count, false);
  });
  hub = new WsHub({
    env: world.env,
    appKey: world.credentials.appKey,
    auth: world.auth,
    market: world.market,
    clock: world.clock,
    faults,
    rng: new Rng(deriveSeed(world.seed, "websocket")),
    timers,
    htsIds: () => world.exchange.accounts().map((a) => a.htsId),
  });
  return { hub, faults };
}

/** What the REST gateway needs: handler context, rate limiter, counters and the clock pump. */
function gatewayDeps(
  world: SimWorld,
  options: SimulatorOptions,
  realtime: { hub: WsHub; faults: FaultInjector },
  timers: TimerSet,
  ledger: SimLedger | null,
): GatewayDeps {
  const { env, clock, market, exchange, auth } = world;
  const persist = () => ledger?.write() ?? Promise.resolve();
  // with a ledger, notices and prints go out after the write that holds them, in order; a failed
  // write stops the ledger, and the next REST answer reports it
  const publish = ledger
    ? (events: ExchangeEvents) => {
      persist().then(() => realtime.hub.publish(events), () => {});
    }
    : (events: ExchangeEvents) => realtime.hub.publish(events);
  const sync = () => {
    const now = clock.now();
    if (now.getTime() > market.instant.getTime()) publish(exchange.sync(now));
  };
  const budget = options.rateLimit ?? DEFAULT_RATE_BUDGET[env];
  return {
    ctx: {
      env,
      credentials: world.credentials,
      clock,
      exchange,
      auth,
      pageSizes: { ...DEFAULT_PAGE_SIZES[env], ...options.pageSizes },
      publish,
    },
    auth,
    faults: realtime.faults,
    limiter: budget === false ? null : new RateLimiter(budget),
    stats: {
      requests: 0,
      rateLimited: 0,
      get tokenIssuances() {
        return auth.issuances;
      },
    },
    wallNow: world.wallNow,
    delay: (ms: number) => timers.delay(ms),
    sync,
    persist,
  };
}

/**
 * Starts the KIS simulator on 127.0.0.1: REST on one port, WebSocket on another.
 *
 * @example
 * await using sim = await startSimulator({ seed: 42, clock: { mode: "manual", start: new Date() } });
 */
export async function startSimulator(options: SimulatorOptions = {}): Promise<Simulator> {
  const world = buildWorld(options);
  const { clock, credentials } = world;
  const ledger = options.kv ? await SimLedger.open(options.kv, world.exchange) : null;
  const timers = new TimerSet();
  const realtime = buildRealtime(world, timers);
  const deps = gatewayDeps(world, options, realtime, timers, ledger);
  const { hub } = realtime;
  const market = marketView(world.exchange, credentials.account, deps.sync);
  const restServer = serve(options.port ?? 0, (request) => handleRest(request, deps));
  const wsServer = serveWebSockets(options.wsPort ?? 0, (socket) => hub.accept(socket));
  const stopClockListener = clock.onChange(deps.sync);
  if (clock.mode !== "manual") {
    timers.interval(deps.sync, PUMP_INTERVAL_MS);
    // one symbol's next tape per tick, so that a day's roll does not build them all at once
    timers.interval(() => world.market.prepareNextDay(), PUMP_INTERVAL_MS);
  }
  const pingInterval = options.pingIntervalMs ?? 10_000;
  if (pingInterval > 0) timers.interval(() => hub.ping(), pingInterval);
  const close = async () => {
    stopClockListener();
    await timers.clear();
    await deps.persist().catch(() => {});
    await hub.close();
    await Promise.all([restServer.shutdown(), wsServer.shutdown()]);
  };
  return {
    restUrl: `http://127.0.0.1:${restServer.addr.port}`,
    wsUrl: `ws://127.0.0.1:${wsServer.port}`,
    env: world.env,
    credentials,
    clock,
    faults: realtime.faults,
    market,
    stats: deps.stats,
    status: () => simStatus(clock, market.phase()),
    realtimeSessions: () => hub.subscriptions(),
    persist: deps.persist,
    close,
    [Symbol.asyncDispose]: close,
  };
}

function serve(
  port: number,
  handler: (request: Request) => Response | Promise<Response>,
): Deno.HttpServer<Deno.NetAddr> {
  return Deno.serve({ hostname: "127.0.0.1", port, onListen: () => {} }, handler);
}
