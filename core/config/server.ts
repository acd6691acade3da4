/**
 * The web server's settings from the environment: `PORT` (default 8000) and `HOST` (default
 * 0.0.0.0).
 * @module
 */
import { z } from "zod";
import { parseSection } from "./section.ts";

/** Where the server listens. */
export interface ServerSettings {
  readonly port: number;
  readonly hostname: string;
}

/** The server's sub-schema of the environment. */
export const serverEnvSchema = z.object({
  PORT: z.coerce.number({ error: "PORT must be a number" }).int("PORT must be a whole number")
    .min(0, "PORT must be between 0 and 65535").max(65535, "PORT must be between 0 and 65535")
    .default(8000),
  HOST: z.string().min(1, "HOST must not be empty")
    .refine(
      (host) => !/[\s/]/.test(host) && host.split(":").length !== 2,
      "HOST must be a host name or IP address such as 127.0.0.1, without a scheme or port",
    )
    .default("0.0.0.0"),
}).transform((vars): ServerSettings => ({ port: vars.PORT, hostname: vars.HOST }));

/**
 * Reads `PORT` and `HOST`; throws an `Error` whose message names the bad variable.
 * @example
 * ```ts
 * parseServerEnv({ PORT: "8080" }); // { port: 8080, hostname: "0.0.0.0" }
 * ```
 */
export function parseServerEnv(env: Record<string, string | undefined>): ServerSettings {
  return parseSection(serverEnvSchema, env, "server");
}
