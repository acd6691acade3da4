// deno-lint-ignore-file no-console
/**
 * Tick → order latency of the alert exit path: from a trade frame arriving at the worker's
 * WebSocket (the KisBroker stream from the simulator, over loopback) to the order-cash POST leaving
 * it, through `AlertWatcher.onTrade` → the trigger's commit → `placeExit` → `OrderJournal`
 * (risk snapshot, intent write) → `KisBroker.placeOrder`, every KV write on a KV file; the
 * trigger's notification is queued on the store as a notifier with a channel queues it. Each sample
 * writes one `notify_and_exit` stop far above the market (not timed), moves the simulator's manual
 * clock one trade on, and times that trade's frame to its exit's POST. The two instants come from
 * probes around the real `WebSocket` and `fetch` (they record a time and delegate); the REST calls
 * made in between are timed the same way, so the report splits the path into REST round trips and
 * the rest (KV, parsing, the engine's own code). Frames are matched to the trades the watcher
 * evaluates in arrival order, so the sample starts at the frame that fired, however many frames
 * arrive while the exit is being placed. The simulator runs in this process, as in the
 * embedded demo, so its answers to those calls share the event loop. Between samples the journal
 * reconciles (untimed) on the engine's schedule, every 5 minutes of the market's clock (about every
 * 60 samples in process), so filled exits leave the open orders as they do in a running engine.
 * The KIS rate budget is `leased` (one process owns the key, as a single worker or the demo) unless
 * the third argument says `shared`; it runs on the wall clock (KisBroker's `rateClock`) while the
 * broker and the store follow the simulated market, so its lease renews every 2.5 s of real time
 * as in a running worker, however the market's clock moves.
 * With `subprocess` as the fourth argument the simulator runs in its own process (`cli/sim.ts` on a
 * 20× clock, trading on its own), as KIS does: then only the worker's own work shares its loop.
 * Run: deno run -A bench/_tick_to_order.ts [samples] [file|memory] [leased|shared] [subprocess]
 * @module
 */
import { join } from "node:path";
import { AlertRepository } from "../core/alerts/repository.ts";
import { AlertWatcher, type TriggerOutcome } from "../core/alerts/watcher.ts";
import { KisBroker } from "../core/broker/kis/mod.ts";
import { startSimulator } from "../core/kis-sim/mod.ts";
import { parseSymbolCode } from "../core/krx/mod.ts";
import { openStore } from "../core/store/mod.ts";
import { OrderJournal } from "../core/trading/mod.ts";

const samples = Number(Deno.args[0] ?? 1_000);
const WARM_UP = 50;
const TAPE_MS = 5_000;
const SAMSUNG = parseSymbolCode("005930");
/** 09:30 KST on Friday 2026-11-27. */
const START = new Date("2026-11-27T00:30:00Z");

/** What the probes saw: the arrival of the trade that fired, the exit's POST, the REST calls. */
const probe = {
  frameAt: 0,
  orderAt: 0,
  calls: [] as { path: string; start: number; end: number }[],
  /** Arrival times of the trade records not evaluated yet, oldest first. */
  arrivals: [] as number[],
};

const RealWebSocket = globalThis.WebSocket;
globalThis.WebSocket = class extends RealWebSocket {
  constructor(url: string | URL, protocols?: string | string[]) {
    super(url, protocols);
    // added before the client's own handler, so it runs first, as the frame arrives
    this.addEventListener("message", (event) => {
      if (typeof event.data === "string" && event.data.includes("|H0STCNT0|")) {
        const at = performance.now();
        // `0|H0STCNT0|<records>|...`: one arrival per trade record the frame carries
        const records = Number(event.data.split("|", 3)[2]) || 1;
        for (let r = 0; r < records; r++) probe.arrivals.push(at);
      }
    });
  }
};
const realFetch = globalThis.fetch;
globalThis.fetch = async (input: string | URL | Request, init?: RequestInit) => {
  const path = new URL(input instanceof Request ? input.url : input).pathname;
  const start = performance.now();
  if (path.endsWith("/trading/order-cash")) probe.orderAt = start;
  try {
    return await realFetch(input, init);
  } finally {
    probe.calls.push({ path: path.split("/").at(-1) ?? path, start, end: performance.now() });
  }
};

/** KV operations timed like the REST calls: commits, reads, lists. */
const kvCalls: { op: string; start: number; end: number }[] = [];
function timeKv<T extends object>(target: T, name: keyof T & string, label: string): void {
  const original = target[name] as (...args: unknown[]) => unknown;
  Object.defineProperty(target, name, {
    value: function (this: unknown, ...args: unknown[]) {
      const start = performance.now();
      const result = original.apply(this, args);
      if (result instanceof Promise) {
        return result.finally(() => kvCalls.push({ op: label, start, end: performance.now() }));
      }
      return result;
    },
  });
}
timeKv(Deno.AtomicOperation.prototype, "commit", "commit");
timeKv(Deno.Kv.prototype, "get", "get");
timeKv(Deno.Kv.prototype, "getMany", "getMany");
timeKv(Deno.Kv.prototype, "set", "set");

const kvPath = Deno.args[1] ?? "file";
const rateBudget = Deno.args[2] === "shared" ? "shared" : "leased";
const dir = await Deno.makeTempDir();
const placement = Deno.args[3] === "subprocess" ? "subprocess" : "in-process";
const sim = placement === "subprocess" ? await simulatorProcess() : await simulatorHere();
const store = await openStore({
  path: kvPath === "memory" ? ":memory:" : join(dir, "bench.kv"),
  now: sim.now,
});
const broker = new KisBroker({
  env: sim.env,
  credentials: { appKey: sim.appKey, appSecret: sim.appSecret },
  account: sim.account,
  kv: store.kv,
  restUrl: sim.restUrl,
  wsUrl: sim.wsUrl,
  clock: {
    now: sim.now,
    sleep: (ms) => new Promise((resolve) => setTimeout(resolve, Math.max(0, ms))),
  },
  requestsPerSecond: 1_000,
  rateBudget,
});
const accountId = sim.account;
const journal = new OrderJournal({
  store,
  broker,
  accountId,
  limits: {
    maxOrderKrw: 1_000_000_000,
    maxDailyKrw: 100_000_000_000,
    maxPositionWeightBps: 10_000,
    maxOpenOrders: 1_000,
  },
  log: () => {},
});
await broker.placeOrder({
  type: "market",
  side: "buy",
  symbol: SAMSUNG,
  quantity: samples + WARM_UP + 10,
});
const alerts = new AlertRepository(store);
const watcher = await AlertWatcher.load({
  store,
  broker,
  // as a Notifier with a channel does (core/notify): one enqueue commit per notification
  notify: (notification) => store.kv.enqueue(notification),
  journalOf: (account) => account === accountId ? journal : undefined,
});
// the watcher evaluates the stream's trades in order: each evaluation takes the oldest arrival
const evaluate = watcher.onTrade.bind(watcher);
watcher.onTrade = async (symbol, price, at) => {
  const arrivedAt = probe.arrivals.shift() ?? NaN;
  const outcomes = await evaluate(symbol, price, at);
  if (outcomes.some((o) => o.result === "fired")) probe.frameAt = arrivedAt;
  return outcomes;
};
let fired: ((outcome: TriggerOutcome) => void) | null = null;
const watching = watcher.watch(await broker.stream({ trades: [SAMSUNG] }), (outcome) => {
  fired?.(outcome);
});

/** The reconcile job's default schedule (core/jobs/schedules.ts), on the market's clock. */
const RECONCILE_EVERY_MS = 5 * 60_000;
let reconciledAt = sim.now();
const totals: number[] = [];
const rest: number[] = [];
const restCalls: Record<string, number[]> = {};
const kvOps: Record<string, number[]> = {};
const kvSum: number[] = [];
for (let i = 0; i < WARM_UP + samples; i++) {
  kvCalls.length = 0;
  probe.calls = [];
  // listening before the alert exists: the watcher may fire it while `reload` is still returning
  const outcome = new Promise<TriggerOutcome>((resolve) => fired = resolve);
  await alerts.create({
    account: accountId,
    symbol: SAMSUNG,
    rule: { kind: "stop_loss", trigger: { basis: "price", price: await sim.price() * 2 } },
    action: { kind: "notify_and_exit", quantity: { kind: "shares", shares: 1 } },
  });
  await watcher.reload();
  sim.nextTrade();
  const result = await outcome;
  if (result.result !== "fired" || result.exit?.status !== "placed") {
    throw new Error(`sample ${i}: ${JSON.stringify(result)}`);
  }
  // the engine's periodic reconciliation, untimed and on its schedule: filled exits leave the open
  // orders, as they do in a running engine, so the risk snapshots count a bounded few
  if (sim.now() - reconciledAt >= RECONCILE_EVERY_MS) {
    await journal.reconcile();
    reconciledAt = sim.now();
  }
  if (i < WARM_UP) continue;
  if (!(probe.frameAt > 0 && probe.frameAt < probe.orderAt)) {
    throw new Error(`sample ${i}: no frame arrival before the POST`);
  }
  totals.push(probe.orderAt - probe.frameAt);
  const before = probe.calls.filter((c) => c.start >= probe.frameAt && c.start < probe.orderAt);
  rest.push(before.reduce((sum, c) => sum + c.end - c.start, 0));
  for (const call of before) (restCalls[call.path] ??= []).push(call.end - call.start);
  const kvIn = kvCalls.filter((c) => c.start >= probe.frameAt && c.start < probe.orderAt);
  for (const call of kvIn) (kvOps[call.op] ??= []).push(call.end - call.start);
  kvSum.push(kvIn.reduce((sum, c) => sum + c.end - c.start, 0));
}

function quantile(values: readonly number[], q: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? NaN;
}
const ms = (v: number) => `${v.toFixed(2)} ms`;
const line = (label: string, values: readonly number[]) =>
  console.log(
    `${label.padEnd(28)} p50 ${ms(quantile(values, 0.5))}, p90 ${ms(quantile(values, 0.9))}, ` +
      `p99 ${ms(quantile(values, 0.99))}, max ${ms(quantile(values, 1))}`,
  );
console.log(
  `tick → exit order POST, ${samples} samples after ${WARM_UP} warm-up, ${kvPath} KV, ` +
    `${rateBudget} rate budget, simulator ${placement}`,
);
line("frame → POST", totals);
line("  REST round trips in it", rest);
line("  the rest (KV, code)", totals.map((t, i) => t - (rest[i] ?? 0)));
for (const [path, times] of Object.entries(restCalls)) {
  line(`  ${path} ×${(times.length / samples).toFixed(1)}`, times);
}
line("  KV calls in it", kvSum);
for (const [op, times] of Object.entries(kvOps)) {
  line(`  kv ${op} ×${(times.length / samples).toFixed(1)}`, times);
}

await broker.close();
await watching;
store.close();
await sim.close();
await Deno.remove(dir, { recursive: true });

/** The simulator the worker talks to, wherever it runs, and how the bench moves its tape. */
interface BenchSimulator {
  readonly env: "real" | "vts";
  readonly restUrl: string;
  readonly wsUrl: string;
  readonly appKey: string;
  readonly appSecret: string;
  readonly account: string;
  /** The simulated instant, epoch ms. */
  readonly now: () => number;
  /** Samsung's last price, read outside the timed path. */
  readonly price: () => Promise<number>;
  /** Makes the next trade happen (in process: the manual clock; a process trades on its own). */
  readonly nextTrade: () => void;
  readonly close: () => Promise<void>;
}

/** The simulator in this process on a manual clock, as in the embedded demo. */
async function simulatorHere(): Promise<BenchSimulator> {
  const here = await startSimulator({
    seed: 7,
    clock: { mode: "manual", start: START },
    pingIntervalMs: 0,
    rateLimit: false,
  });
  const began = performance.now();
  return {
    env: here.env,
    restUrl: here.restUrl,
    wsUrl: here.wsUrl,
    appKey: here.credentials.appKey,
    appSecret: here.credentials.appSecret,
    account: here.credentials.account,
    now: () => here.clock.now().getTime() + Math.round(performance.now() - began),
    price: () => Promise.resolve(here.market.price(SAMSUNG)),
    nextTrade: () => here.clock.advance(TAPE_MS),
    close: () => here.close(),
  };
}

/**
 * The simulator as `deno task sim` runs it, in its own process (as KIS is remote), on a clock 20×
 * real time from 09:30 KST so trades come on their own; its keys come from the banner it prints.
 */
async function simulatorProcess(): Promise<BenchSimulator> {
  const speed = 20;
  const child = new Deno.Command(Deno.execPath(), {
    args: [
      "run",
      "--allow-net=127.0.0.1",
      new URL("../cli/sim.ts", import.meta.url).pathname,
      "--port=0",
      "--ws-port=0",
      "--seed=7",
      `--speed=${speed}`,
      "--start=2026-11-27T09:30:00+09:00",
      "--no-rate-limit",
    ],
    stdout: "piped",
    stderr: "inherit",
  }).spawn();
  const reader = child.stdout.pipeThrough(new TextDecoderStream()).getReader();
  let banner = "";
  while (!banner.includes("Ctrl-C to stop.")) {
    const next = await reader.read();
    if (next.done) throw new Error(`the simulator ended before it was ready:\n${banner}`);
    banner += next.value;
  }
  const began = performance.now();
  const exported = (name: string) => {
    const value = banner.match(new RegExp(`^export ${name}='?([^'\\n]*)'?$`, "m"))?.[1];
    if (value === undefined) throw new Error(`the banner has no ${name}`);
    return value;
  };
  return {
    env: exported("KIS_ENV") === "vts" ? "vts" : "real",
    restUrl: exported("KIS_REST_URL"),
    wsUrl: exported("KIS_WS_URL"),
    appKey: exported("KIS_APP_KEY"),
    appSecret: exported("KIS_APP_SECRET"),
    account: exported("KIS_ACCOUNT"),
    now: () => START.getTime() + Math.round((performance.now() - began) * speed),
    price: async () => (await broker.getQuote(SAMSUNG)).price,
    nextTrade: () => {},
    close: async () => {
      await reader.cancel();
      child.kill("SIGINT");
      await child.status;
    },
  };
}
