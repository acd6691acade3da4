/**
 * The logger's settings from the environment: `LOG_FORMAT` (`json`, the default, or `pretty` for
 * a terminal) and `LOG_LEVEL` (`debug`, the default, `info`, `warn` or `error`).
 * @module
 */
import { z } from "zod";
import type { LogFormat, LogLevel } from "../obs/log.ts";
import { parseSection } from "./section.ts";

/** The logger's settings. */
export interface LogSettings {
  readonly format: LogFormat;
  readonly level: LogLevel;
}

/** The logger's sub-schema of the environment. */
export const logEnvSchema = z.object({
  LOG_FORMAT: z.enum(["json", "pretty"], { error: "LOG_FORMAT must be json or pretty" })
    .default("json"),
  LOG_LEVEL: z.enum(["debug", "info", "warn", "error"], {
    error: "LOG_LEVEL must be debug, info, warn or error",
  }).default("debug"),
}).transform((vars): LogSettings => ({ format: vars.LOG_FORMAT, level: vars.LOG_LEVEL }));

/**
 * Reads `LOG_FORMAT` and `LOG_LEVEL`; throws an `Error` whose message names the bad variable.
 * @example
 * ```ts
 * parseLogEnv({ LOG_FORMAT: "pretty" }); // { format: "pretty", level: "debug" }
 * ```
 */
export function parseLogEnv(env: Record<string, string | undefined>): LogSettings {
  return parseSection(logEnvSchema, env, "log");
}
