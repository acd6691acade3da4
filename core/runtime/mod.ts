/**
 * The running app's services: the embedded demo or a KIS account, the store, and the demo's
 * first-run seed. See docs/runtime.md.
 * @module
 */
export { DEMO_KV_PATH, parseRuntimeEnv, type RuntimeEnv } from "./env.ts";
export { type AppServices, DEMO_CASH, startServices } from "./services.ts";
export { DEMO_STRATEGY_CONFIGS, seedDemo } from "./seed.ts";
export { appServices, setAppServices } from "./current.ts";
