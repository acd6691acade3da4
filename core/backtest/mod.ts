/**
 * Bar-by-bar backtesting on KRX rules: fills, costs, limits, metrics, sweeps and walk-forward.
 * @module
 */
export * from "./options.ts";
export * from "./types.ts";
export * from "./fill_price.ts";
export * from "./cost_model.ts";
export * from "./ledger.ts";
export * from "./metrics.ts";
export * from "./sizing.ts";
export * from "./cross_run.ts";
export * from "./engine.ts";
export * from "./portfolio.ts";
export * from "./sweep_grid.ts";
export * from "./sweep_run.ts";
export * from "./sweep.ts";
export * from "./walk_forward.ts";
