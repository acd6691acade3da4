/**
 * The one schema of the app's environment: every sub-schema (server, logs, access, metrics, the
 * runtime, the role, notifications) composed into one zod object, so a start-up reads
 * `Deno.env` once, and a bad environment is one error naming every bad variable. A new area adds
 * its sub-schema as one line of {@link ENV_SECTIONS}.
 * @module
 */
import { z } from "zod";
import { notifySettingsSchema } from "../notify/config.ts";
import { maskSecret } from "../obs/redact.ts";
import { roleEnvSchema, runtimeEnvSchema } from "../runtime/env.ts";
import { authEnvSchema } from "./auth.ts";
import { kisRateBudgetEnvSchema } from "./kis_rate_budget.ts";
import { logEnvSchema } from "./log.ts";
import { metricsEnvSchema } from "./metrics.ts";
import {
  type EnvSection,
  isSecretVariable,
  issueMessages,
  variablesOf,
  withoutBlanks,
} from "./section.ts";
import { serverEnvSchema } from "./server.ts";
import { trustProxyEnvSchema } from "./trust_proxy.ts";

/** Each area's sub-schema, by the name its settings take in {@link AppConfig}. */
export const ENV_SECTIONS = {
  server: serverEnvSchema,
  log: logEnvSchema,
  auth: authEnvSchema,
  metrics: metricsEnvSchema,
  runtime: runtimeEnvSchema,
  role: roleEnvSchema,
  notify: notifySettingsSchema,
  trustProxy: trustProxyEnvSchema,
  kisRateBudget: kisRateBudgetEnvSchema,
} as const satisfies Record<string, EnvSection>;

/** The whole environment: each section reads the variables it names from the same record. */
export const appEnvSchema = z.preprocess(
  (env) => {
    const present = withoutBlanks(env as Record<string, string | undefined>);
    return Object.fromEntries(Object.keys(ENV_SECTIONS).map((name) => [name, present]));
  },
  z.object(ENV_SECTIONS),
);

/** The app's parsed settings, one entry per section. */
export type AppConfig = z.output<typeof appEnvSchema>;

/** One variable the app reads, and whether it holds a secret. */
export interface EnvVariable {
  readonly name: string;
  readonly secret: boolean;
}

/** Every variable of {@link appEnvSchema}, once each, in section order. */
export function envVariables(): EnvVariable[] {
  const byName = new Map<string, EnvVariable>();
  for (const section of Object.values(ENV_SECTIONS)) {
    for (const [name, schema] of Object.entries(variablesOf(section).shape)) {
      if (!byName.has(name)) byName.set(name, { name, secret: isSecretVariable(schema) });
    }
  }
  return [...byName.values()];
}

/** A bad environment: `problems` has one line per bad variable, each naming it. */
export class ConfigError extends Error {
  /** One message per problem, each naming its variable (never its value). */
  readonly problems: readonly string[];

  /** An error listing `problems`. */
  constructor(problems: readonly string[]) {
    super(`invalid environment: ${problems.join("; ")}`);
    this.name = "ConfigError";
    this.problems = problems;
  }
}

/**
 * Parses the whole environment in one pass.
 *
 * @throws {ConfigError} listing every bad variable at once.
 * @example parseAppEnv({ PORT: "8080" }).server.port // 8080
 */
export function parseAppEnv(env: Readonly<Record<string, string | undefined>>): AppConfig {
  const result = appEnvSchema.safeParse(env);
  if (!result.success) throw new ConfigError(issueMessages(result.error));
  return result.data;
}

/**
 * Every setting as the start-up line shows it, by variable name: a secret as `unset` or
 * `set (****wxyz)` ({@link maskSecret}), any other as its value after defaults (`null` when unset
 * without one). `env` must have parsed with {@link parseAppEnv}.
 */
export function configSummary(
  env: Readonly<Record<string, string | undefined>>,
): Record<string, unknown> {
  const present = withoutBlanks(env);
  const summary: Record<string, unknown> = {};
  for (const section of Object.values(ENV_SECTIONS)) {
    const variables = variablesOf(section);
    const values = variables.safeParse(present);
    for (const [name, schema] of Object.entries(variables.shape)) {
      if (name in summary) continue;
      if (isSecretVariable(schema)) summary[name] = maskSecret(present[name]);
      else summary[name] = values.success ? (values.data[name] ?? null) : present[name] ?? null;
    }
  }
  return summary;
}
