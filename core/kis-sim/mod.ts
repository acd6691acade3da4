/**
 * A KIS Open API simulator: the REST and WebSocket protocol of Korea Investment & Securities on
 * loopback, over a seeded KRX market with a matching engine, accounts, a controllable clock and
 * fault injection. Start it with {@link startSimulator}.
 *
 * @module
 */
export {
  demoResumeStart,
  demoStart,
  type Simulator,
  type SimulatorOptions,
  startSimulator,
} from "./server.ts";
export type { AccountView, SimMarketView } from "./market_view.ts";
export type { SimCredentials } from "./auth.ts";
export { type ClockMode, type ClockOptions, SimClock } from "./clock.ts";
export type { ReplayWindow } from "./replay_window.ts";
export { type SimStatus, SIMULATED_LABEL } from "./sim_status.ts";
export { type Fault, FaultInjector } from "./faults.ts";
export type { SimStats } from "./rest_gateway.ts";
export type { SimQuote } from "./market.ts";
export type { SimOrder } from "./orders.ts";
export { DEFAULT_SYMBOLS, type SimSymbol } from "./symbols.ts";
export { FILL_NOTICE_TR_ID, SIM_TR_IDS, type SimEnv } from "./tr_ids.ts";
export { KIS_ERRORS, OAUTH_ERRORS } from "./errors.ts";
export { storedLedgerDate } from "./ledger.ts";
