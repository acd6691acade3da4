import type { Broker } from "../../core/broker/mod.ts";
import type { SimulatorOptions } from "../../core/kis-sim/mod.ts";
import { openStore, type Store } from "../../core/store/mod.ts";
import { OrderJournal, type RiskLimits } from "../../core/trading/mod.ts";
import { type E2e, startE2e } from "../broker/kis/_e2e.ts";

/** Limits wide enough that only the check a test aims at refuses. */
export const WIDE_LIMITS: RiskLimits = {
  maxOrderKrw: 50_000_000,
  maxDailyKrw: 500_000_000,
  maxPositionWeightBps: 10_000,
  maxOpenOrders: 100,
};

/** One log line a journal wrote. */
export interface LogLine {
  readonly level: string;
  readonly message: string;
}

/**
 * The simulator with a real KisBroker over loopback (`e2e`), and a store whose clock follows the
 * simulator's plus `shift(ms)`, so a test can move the journal past a reconciliation horizon.
 */
export interface JournalRig extends AsyncDisposable {
  readonly e2e: E2e;
  readonly store: Store;
  readonly journal: OrderJournal;
  readonly accountId: string;
  readonly lines: LogLine[];
  /** The store's clock, for further stores on the same time. */
  readonly now: () => number;
  shift(ms: number): void;
  /** Another journal of the same account on `store`, through `broker`. */
  journalOn(store: Store, broker: Broker): OrderJournal;
}

/** Starts a {@link JournalRig}; `path` defaults to an in-memory KV. */
export async function startJournal(
  options: SimulatorOptions = {},
  path = ":memory:",
): Promise<JournalRig> {
  const e2e = await startE2e({ rateLimit: false, ...options }, { requestsPerSecond: 200 });
  let offset = 0;
  const now = () => e2e.clock.now() + offset;
  const store = await openStore({ path, now });
  const lines: LogLine[] = [];
  const accountId = e2e.sim.credentials.account;
  const journalOn = (on: Store, broker: Broker) =>
    new OrderJournal({
      store: on,
      broker,
      accountId,
      limits: WIDE_LIMITS,
      log: (level, message) => lines.push({ level, message }),
    });
  return {
    e2e,
    store,
    journal: journalOn(store, e2e.broker),
    accountId,
    lines,
    now,
    shift: (ms) => offset += ms,
    journalOn,
    async [Symbol.asyncDispose]() {
      store.close();
      await e2e[Symbol.asyncDispose]();
    },
  };
}

/**
 * The real broker, calling `arm` just before each order is sent, so a simulator fault armed there
 * (an HTTP 500, a slow answer) hits the order request itself while the quote and account reads of
 * the risk checks go through. Only the fault's timing is added; every call is real.
 */
export function armBeforeOrders(broker: Broker, arm: () => void): Broker {
  return new Proxy(broker, {
    get(target, property) {
      if (property === "placeOrder") {
        return (order: Parameters<Broker["placeOrder"]>[0]) => {
          arm();
          return target.placeOrder(order);
        };
      }
      const value = Reflect.get(target, property, target);
      return typeof value === "function" ? value.bind(target) : value;
    },
  });
}

/** The real broker, counting how often each method is called. */
export function countingBroker(broker: Broker): { broker: Broker; calls: Map<string, number> } {
  const calls = new Map<string, number>();
  const proxy = new Proxy(broker, {
    get(target, property) {
      const value = Reflect.get(target, property, target);
      if (typeof value !== "function") return value;
      return (...args: unknown[]) => {
        calls.set(String(property), (calls.get(String(property)) ?? 0) + 1);
        return value.apply(target, args);
      };
    },
  });
  return { broker: proxy, calls };
}
