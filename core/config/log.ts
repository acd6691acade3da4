/**
 * The logger's settings from the environment: `LOG_FORMAT` (`json`, the default, or `pretty` for
 * a terminal) and `LOG_LEVEL` (`debug`, the default, `info`, `warn` or `error`).
 * @module
 */
import { z } from "zod";
import type { LogFormat, LogLevel } from "../obs/log.ts";

const LogEnv = z.object({
  LOG_FORMAT: z.enum(["json", "pretty"], { error: "LOG_FORMAT must be json or pretty" })
    .default("json"),
  LOG_LEVEL: z.enum(["debug", "info", "warn", "error"], {
    error: "LOG_LEVEL must be debug, info, warn or error",
  }).default("debug"),
});

/**
 * Reads `LOG_FORMAT` and `LOG_LEVEL`; throws an `Error` whose message names the bad variable.
 * @example
 * ```ts
 * parseLogEnv({ LOG_FORMAT: "pretty" }); // { format: "pretty", level: "debug" }
 * ```
 */
export function parseLogEnv(
  env: Record<string, string | undefined>,
): { readonly format: LogFormat; readonly level: LogLevel } {
  const result = LogEnv.safeParse({
    LOG_FORMAT: env.LOG_FORMAT || undefined,
    LOG_LEVEL: env.LOG_LEVEL || undefined,
  });
  if (!result.success) {
    throw new Error(
      `invalid log environment: ${result.error.issues.map((i) => i.message).join("; ")}`,
    );
  }
  return { format: result.data.LOG_FORMAT, level: result.data.LOG_LEVEL };
}
