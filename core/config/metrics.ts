/**
 * The metrics endpoint's setting from the environment: `METRICS_TOKEN`, the bearer token
 * Prometheus sends (unset: loopback scrapers only). Outside dev a set token must not be short or a
 * default.
 * @module
 */
import { z } from "zod";
import type { MetricsAccess } from "../obs/metrics_endpoint.ts";
import { appEnvVariable, strongEnough } from "./auth.ts";
import { addProblem, parseSection, secretVariable } from "./section.ts";

/** The shortest `METRICS_TOKEN` accepted outside dev. */
export const MIN_METRICS_TOKEN_LENGTH = 16;

/** The metrics endpoint's sub-schema of the environment. */
export const metricsEnvSchema = z.object({
  APP_ENV: appEnvVariable,
  METRICS_TOKEN: secretVariable(z.string().trim().optional()),
}).transform((vars, ctx): MetricsAccess => {
  const token = vars.METRICS_TOKEN || undefined;
  if (
    token !== undefined && vars.APP_ENV !== "dev" && !strongEnough(token, MIN_METRICS_TOKEN_LENGTH)
  ) {
    addProblem(
      ctx,
      "METRICS_TOKEN",
      `METRICS_TOKEN is weak: use at least ${MIN_METRICS_TOKEN_LENGTH} random characters, not a default`,
    );
  }
  return token === undefined ? {} : { token };
});

/**
 * Reads `METRICS_TOKEN`; throws an `Error` naming it when it is weak outside dev.
 * @example parseMetricsEnv({ METRICS_TOKEN: "s3cr3t-t0k3n-of-32" }) // { token: "s3cr3t-t0k3n-of-32" }
 */
export function parseMetricsEnv(env: Record<string, string | undefined>): MetricsAccess {
  return parseSection(metricsEnvSchema, env, "metrics");
}
