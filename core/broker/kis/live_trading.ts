/**
 * The live-trading switch: orders that spend money or sell holdings on a real KIS account go out only
 * when the user has turned it on. The mock-trading server (VTS) and a simulator on loopback need no
 * switch.
 * @module
 */
import { BrokerError } from "../errors.ts";
import type { KisEnv } from "./env.ts";

const LOOPBACK = /^(127\.\d+\.\d+\.\d+|localhost|\[::1\])$/;

/** Whether orders sent to `restUrl` in `env` reach a real account, and so need the switch. */
export function reachesRealAccount(env: KisEnv, restUrl: string): boolean {
  return env === "real" && !LOOPBACK.test(new URL(restUrl).hostname);
}

/**
 * Throws a `live_trading_off` {@link BrokerError} when an order would reach a real account while
 * the switch is off.
 */
export function assertLiveTradingAllowed(env: KisEnv, restUrl: string, liveTrading: boolean): void {
  if (liveTrading || !reachesRealAccount(env, restUrl)) return;
  throw new BrokerError(
    "live_trading_off",
    `orders to the real KIS account at ${
      new URL(restUrl).host
    } are off: set KIS_LIVE_TRADING=1 to trade with real money`,
  );
}
