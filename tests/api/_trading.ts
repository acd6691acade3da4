/**
 * The API wired to real parts for the trading routes: the KIS simulator on loopback with a real
 * KisBroker (tests/broker/kis/_e2e.ts), a real store whose clock follows the simulator's, and
 * the simulator's account as the app's account.
 * @module
 */
import type { Role } from "@/core/api/access.ts";
import type { ApiApp, ApiOptions } from "@/core/api/context.ts";
import type { SimulatorOptions } from "@/core/kis-sim/mod.ts";
import { openStore, type Store } from "@/core/store/mod.ts";
import { type E2e, startE2e } from "../broker/kis/_e2e.ts";
import { apiAs } from "./_api.ts";

/** The simulator, the store and a way to build the app as any role. */
export interface TradingRig extends AsyncDisposable {
  readonly e2e: E2e;
  readonly store: Store;
  readonly accountId: string;
  /** The app as a principal of `role`; `extra` adds to or overrides the wiring. */
  app(role: Role, extra?: Partial<ApiOptions>): ApiApp;
}

/** Starts a {@link TradingRig}; `path` defaults to an in-memory KV. */
export async function startTrading(
  options: SimulatorOptions = {},
  path = ":memory:",
): Promise<TradingRig> {
  const e2e = await startE2e({ rateLimit: false, ...options }, { requestsPerSecond: 200 });
  const store = await openStore({ path, now: () => e2e.clock.now() });
  const accountId = e2e.sim.credentials.account;
  return {
    e2e,
    store,
    accountId,
    app: (role, extra = {}) =>
      apiAs(role, {
        store,
        broker: e2e.broker,
        account: { id: accountId, label: "모의 시장" },
        mode: "demo",
        ...extra,
      }),
    async [Symbol.asyncDispose]() {
      store.close();
      await e2e[Symbol.asyncDispose]();
    },
  };
}
