/**
 * The security settings from the environment: `APP_ENV` (dev, staging or prod), `JWT_SECRET`,
 * `ADMIN_PASSWORD`, `CORS_ORIGINS` and `API_RATE_LIMIT`. Outside dev a missing, default or weak secret refuses to
 * start, and the error names the variable (never its value).
 * @module
 */
import { z } from "zod";
import { addProblem, parseSection, secretVariable } from "./section.ts";

/** The shortest signing secret accepted, in bytes of UTF-8 (HS256 wants at least its hash size). */
export const MIN_JWT_SECRET_BYTES = 32;

/** The shortest `ADMIN_PASSWORD` accepted outside dev. */
export const MIN_ADMIN_PASSWORD_LENGTH = 12;

// Values that appear in examples and tutorials; a deployment carrying one was never configured.
const DEFAULT_SECRETS = new Set([
  "secret",
  "changeme",
  "change-me",
  "password",
  "admin",
  "jwt_secret",
  "your-secret-key",
  "your-256-bit-secret",
  "please-change-me-to-a-long-random-secret",
]);

/** True when `value` is a known default or too repetitive to be random (e.g. 32 × "a"). */
export function looksDefault(value: string): boolean {
  const lower = value.toLowerCase();
  return DEFAULT_SECRETS.has(lower) || lower.includes("changeme") ||
    lower.includes("change-me") || new Set(value).size < 8;
}

/** Whether a secret is at least `minLength` characters and not a default. */
export function strongEnough(value: string, minLength: number): boolean {
  return value.length >= minLength && !looksDefault(value);
}

const origin = z.string().refine((text) => {
  try {
    const url = new URL(text);
    return (url.protocol === "https:" || url.protocol === "http:") && url.origin === text;
  } catch {
    return false;
  }
}, "CORS_ORIGINS must be a comma-separated list of origins such as https://app.example.com");

const RATE_LIMIT_RULE = "API_RATE_LIMIT must be a whole number of requests per minute, at least 1";

/** `APP_ENV`, which every section that is stricter outside dev reads too. */
export const appEnvVariable = z.enum(["dev", "staging", "prod"], {
  error: "APP_ENV must be dev, staging or prod",
}).default("dev");

/** The environment the app runs as. */
export type AppEnv = "dev" | "staging" | "prod";

/** The parsed security settings. */
export interface AuthSettings {
  readonly appEnv: AppEnv;
  /** Absent only in dev, where a generated secret is kept in the store instead. */
  readonly jwtSecret?: string;
  /** The first admin's password; absent means a one-time password is printed at first start. */
  readonly adminPassword?: string;
  /** Origins allowed to call the API from a browser; empty means no CORS at all. */
  readonly corsOrigins: readonly string[];
  /** Requests per minute each user and each API key may make; absent means the default. */
  readonly requestsPerMinute?: number;
}

/** The security settings' sub-schema of the environment. */
export const authEnvSchema = z.object({
  APP_ENV: appEnvVariable,
  JWT_SECRET: secretVariable(
    z.string()
      .refine(
        (s) => new TextEncoder().encode(s).byteLength >= MIN_JWT_SECRET_BYTES,
        `JWT_SECRET must be at least ${MIN_JWT_SECRET_BYTES} bytes`,
      )
      .refine((s) => !looksDefault(s), "JWT_SECRET is a default or weak value; generate one")
      .optional(),
  ),
  ADMIN_PASSWORD: secretVariable(z.string().optional()),
  CORS_ORIGINS: z.string().optional()
    .transform((list) => (list ?? "").split(",").map((o) => o.trim()).filter((o) => o !== ""))
    .pipe(z.array(origin)),
  API_RATE_LIMIT: z.coerce.number<string>({ error: RATE_LIMIT_RULE })
    .int({ error: RATE_LIMIT_RULE }).min(1, { error: RATE_LIMIT_RULE }).optional(),
}).transform((vars, ctx): AuthSettings => {
  const { APP_ENV, JWT_SECRET, ADMIN_PASSWORD } = vars;
  if (APP_ENV !== "dev") {
    if (JWT_SECRET === undefined) {
      addProblem(ctx, "JWT_SECRET", `JWT_SECRET must be set when APP_ENV=${APP_ENV}`);
    }
    if (ADMIN_PASSWORD !== undefined && !strongEnough(ADMIN_PASSWORD, MIN_ADMIN_PASSWORD_LENGTH)) {
      addProblem(
        ctx,
        "ADMIN_PASSWORD",
        `ADMIN_PASSWORD is weak: use at least ${MIN_ADMIN_PASSWORD_LENGTH} characters, not a default`,
      );
    }
  }
  return {
    appEnv: APP_ENV,
    jwtSecret: JWT_SECRET,
    adminPassword: ADMIN_PASSWORD,
    corsOrigins: vars.CORS_ORIGINS,
    ...(vars.API_RATE_LIMIT === undefined ? {} : { requestsPerMinute: vars.API_RATE_LIMIT }),
  };
});

/**
 * Reads the security settings; throws an `Error` whose message names each bad variable.
 * @example
 * ```ts
 * parseAuthEnv({}); // { appEnv: "dev", corsOrigins: [] }
 * ```
 */
export function parseAuthEnv(env: Record<string, string | undefined>): AuthSettings {
  return parseSection(authEnvSchema, env, "security");
}
