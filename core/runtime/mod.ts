/**
 * The running app's services: the embedded demo or a KIS account, the store, the demo's first-run
 * seed, the process's role and where notifications go. See docs/runtime.md.
 * @module
 */
export {
  DEMO_KV_PATH,
  KIS_KEY_NAMES,
  kisAccountOptions,
  type KisSettings,
  parseRole,
  parseRuntimeEnv,
  type Role,
  roleEnvSchema,
  ROLES,
  type RuntimeEnv,
  runtimeEnvSchema,
} from "./env.ts";
export { type AppServices, DEMO_CASH, type ServiceOptions, startServices } from "./services.ts";
export {
  DEMO_ALERTS,
  DEMO_STRATEGY_CONFIGS,
  DEMO_TARGETS,
  type DemoAlert,
  type DemoSeed,
  seedDemo,
} from "./seed.ts";
export { apiNotifications, type Notifications, startNotifications } from "./notifications.ts";
export {
  appConfig,
  appEngine,
  appServices,
  setAppConfig,
  setAppEngine,
  setAppServices,
} from "./current.ts";
export { DEMO_SCHEDULE, type RoleOptions, type RoleRuntime, startRole } from "./roles.ts";
export { workerHandler } from "./worker_http.ts";
export {
  holdStreamLease,
  STREAM_LEASE_RENEW_MS,
  STREAM_LEASE_TTL_MS,
  type StreamLease,
  streamLeaseKey,
  type StreamLeaseOptions,
  type StreamRole,
} from "./stream_lease.ts";
