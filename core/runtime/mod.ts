/**
 * The running app's services: the embedded demo or a KIS account, the store, the demo's first-run
 * seed, the process's role and where notifications go. See docs/runtime.md.
 * @module
 */
export {
  DEMO_KV_PATH,
  parseRole,
  parseRuntimeEnv,
  type Role,
  ROLES,
  type RuntimeEnv,
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
export { type Notifications, startNotifications } from "./notifications.ts";
export { appEngine, appServices, setAppEngine, setAppServices } from "./current.ts";
export { DEMO_SCHEDULE, type RoleOptions, type RoleRuntime, startRole } from "./roles.ts";
export { workerHandler } from "./worker_http.ts";
