/** The KIS Open API client: a `Broker` for real and VTS accounts and the KIS simulator. */
export { type KisAccount, parseKisAccount } from "./account.ts";
export { type Clock, systemClock } from "./clock.ts";
export type { KisCredentials } from "./credentials.ts";
export {
  KIS_ENVS,
  KIS_PATHS,
  KIS_WS_MAX_REGISTRATIONS,
  KIS_WS_PATH,
  type KisEnv,
  type KisEnvProfile,
  TR_IDS,
  trId,
  type TrIdEntry,
  type TrOperation,
} from "./env.ts";
export {
  classifyKisError,
  isRateRejection,
  isStalePaging,
  isTokenRejection,
  KisError,
  type KisErrorDetails,
} from "./errors.ts";
export { KisBroker, type KisBrokerOptions } from "./kis_broker.ts";
export { type KisLogger, OutputReader } from "./kis_calls.ts";
export { assertLiveTradingAllowed, reachesRealAccount } from "./live_trading.ts";
export {
  type KisMetricsSink,
  type KisRestOutcome,
  type KisRetryReason,
  NO_KIS_METRICS,
} from "./metrics_sink.ts";
export {
  MARKET_DAY_PREFIX,
  type MarketDaySource,
  refreshMarketDays,
  type StoredMarketDay,
  storedTradingCalendar,
} from "./market_day_store.ts";
export type { MarketDay } from "./market_days.ts";
export { issueAccessToken, issueApprovalKey, type IssuedToken } from "./oauth.ts";
export { RateBudget, type RateBudgetOptions, type RateBudgetSharing } from "./rate_budget.ts";
export {
  type KisPagedRequest,
  type KisReply,
  type KisRequest,
  KisRestClient,
  type KisRestClientOptions,
  type PagingContext,
} from "./rest_client.ts";
export { TokenManager, type TokenManagerOptions } from "./token_manager.ts";
export {
  type KisSocketStatus,
  KisWebSocket,
  type KisWebSocketOptions,
  type RecordListener,
} from "./ws_client.ts";
