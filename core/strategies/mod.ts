/**
 * Trading strategies: bars in, a long/flat target per bar out, parameters as zod schemas.
 * @module
 */
export * from "./bars.ts";
export * from "./strategy.ts";
export * from "./indicator_cache.ts";
export * from "./ma_cross.ts";
export * from "./rsi.ts";
export * from "./bollinger.ts";
export * from "./composite.ts";
export * from "./registry.ts";
