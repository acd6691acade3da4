/**
 * The services of the running app, set by `main.ts` before it serves. Fresh imports the route
 * modules with the manifest, before `main.ts` has started anything, so routes read this at their
 * first request instead of at module load.
 * @module
 */
import { type AppConfig, parseAppEnv } from "../config/env.ts";
import type { Engine } from "../engine/mod.ts";
import type { AppServices } from "./services.ts";

let current: AppServices | undefined;
let currentConfig: AppConfig | undefined;
let currentEngine: Engine | undefined;

/** Records the services routes use; `main.ts` calls it once, before serving. */
export function setAppServices(services: AppServices): void {
  current = services;
}

/** The running app's services, or undefined when none were set (the dev server, tests). */
export function appServices(): AppServices | undefined {
  return current;
}

/** Records the engine whose jobs the health page and API list; `main.ts` calls it in web roles. */
export function setAppEngine(engine: Engine | undefined): void {
  currentEngine = engine;
}

/** The running engine (`engine.jobs()` for the health page), or undefined in a worker or tests. */
export function appEngine(): Engine | undefined {
  return currentEngine;
}

/** Records the settings `main.ts` parsed from the environment at start-up. */
export function setAppConfig(config: AppConfig): void {
  currentConfig = config;
}

/**
 * The running app's settings: those `main.ts` parsed, or, where nothing set them (the dev server),
 * the process's environment parsed once at the first call.
 *
 * @throws {ConfigError} when the environment it parses is bad.
 */
export function appConfig(): AppConfig {
  currentConfig ??= parseAppEnv(Deno.env.toObject());
  return currentConfig;
}
