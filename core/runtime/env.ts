/**
 * The runtime's settings from the environment: the KIS keys (all of `KIS_APP_KEY`,
 * `KIS_APP_SECRET` and `KIS_ACCOUNT`, or none of them), the KIS options, `KV_PATH` (on Deno Deploy,
 * where `DENO_DEPLOYMENT_ID` is set, the platform's KV unless `KV_PATH` names another) and `ROLE`.
 * @module
 */
import { z } from "zod";
import type { KisBrokerOptions } from "../broker/kis/mod.ts";
import { addProblem, parseSection, secretVariable } from "../config/section.ts";
import { DEFAULT_KV_PATH, PLATFORM_KV } from "../store/mod.ts";

/** Where the demo keeps its store unless `KV_PATH` says otherwise, apart from a real account's. */
export const DEMO_KV_PATH = "./data/demo.kv";

/** The variables a KIS account needs, all together. */
export const KIS_KEY_NAMES = ["KIS_APP_KEY", "KIS_APP_SECRET", "KIS_ACCOUNT"] as const;

const variables = z.object({
  KIS_APP_KEY: secretVariable(z.string().optional()),
  KIS_APP_SECRET: secretVariable(z.string().optional()),
  KIS_ACCOUNT: z.string().regex(/^\d{8}-\d{2}$/, "KIS_ACCOUNT must look like 12345678-01")
    .optional(),
  KIS_ENV: z.enum(["real", "vts"], { error: "KIS_ENV must be real or vts" }).default("vts"),
  KIS_HTS_ID: z.string().optional(),
  KIS_REST_URL: z.url({ error: "KIS_REST_URL must be a URL" }).optional(),
  KIS_WS_URL: z.url({ error: "KIS_WS_URL must be a URL" }).optional(),
  KIS_LIVE_TRADING: z.enum(["0", "1"], { error: "KIS_LIVE_TRADING must be 0 or 1" }).default("0"),
  KIS_ORDER_ROUTE: z.enum(["KRX", "NXT", "SOR"], {
    error: "KIS_ORDER_ROUTE must be KRX, NXT or SOR",
  }).default("KRX"),
  KV_PATH: z.string().optional(),
  DENO_DEPLOYMENT_ID: z.string().optional(),
  // read by Deno itself when KV_PATH is a KV Connect URL; listed so the start-up line shows it
  DENO_KV_ACCESS_TOKEN: secretVariable(z.string().optional()),
});

type Variables = z.output<typeof variables>;

/** The KIS account's settings, once all three keys are set. */
export interface KisSettings {
  readonly KIS_APP_KEY: string;
  readonly KIS_APP_SECRET: string;
  readonly KIS_ACCOUNT: string;
  readonly KIS_ENV: "real" | "vts";
  readonly KIS_HTS_ID?: string;
  readonly KIS_REST_URL?: string;
  readonly KIS_WS_URL?: string;
  /** `KIS_LIVE_TRADING=1`: orders may reach a real account. */
  readonly liveTrading: boolean;
  readonly route: Variables["KIS_ORDER_ROUTE"];
}

/** What the runtime starts: the embedded demo, or a broker on a KIS account. */
export type RuntimeEnv =
  | { readonly mode: "demo"; readonly kvPath: string }
  | { readonly mode: "kis"; readonly kvPath: string; readonly kis: KisSettings };

/**
 * The runtime's sub-schema of the environment. Only some of the KIS keys set is an error naming
 * the missing ones, so a typo never silently falls back to the demo.
 */
export const runtimeEnvSchema = variables.transform((vars, ctx): RuntimeEnv => {
  // On Deno Deploy (DENO_DEPLOYMENT_ID set) there is no file system: the platform's KV is the default.
  const kvPath = vars.KV_PATH ?? (vars.DENO_DEPLOYMENT_ID ? PLATFORM_KV : undefined);
  const missing = KIS_KEY_NAMES.filter((name) => vars[name] === undefined);
  if (missing.length === KIS_KEY_NAMES.length) {
    return { mode: "demo", kvPath: kvPath ?? DEMO_KV_PATH };
  }
  if (missing.length > 0) {
    addProblem(
      ctx,
      missing[0]!,
      `${missing.join(", ")} not set; set all of ${
        KIS_KEY_NAMES.join(", ")
      } for a KIS account, or none for the demo`,
    );
    return z.NEVER;
  }
  return {
    mode: "kis",
    kvPath: kvPath ?? DEFAULT_KV_PATH,
    kis: {
      KIS_APP_KEY: vars.KIS_APP_KEY!,
      KIS_APP_SECRET: vars.KIS_APP_SECRET!,
      KIS_ACCOUNT: vars.KIS_ACCOUNT!,
      KIS_ENV: vars.KIS_ENV,
      KIS_HTS_ID: vars.KIS_HTS_ID,
      KIS_REST_URL: vars.KIS_REST_URL,
      KIS_WS_URL: vars.KIS_WS_URL,
      liveTrading: vars.KIS_LIVE_TRADING === "1",
      route: vars.KIS_ORDER_ROUTE,
    },
  };
});

/** The KIS broker's options for the account of `kis`; its store, clock and metrics are the caller's. */
export function kisAccountOptions(
  kis: KisSettings,
): Pick<
  KisBrokerOptions,
  "env" | "credentials" | "account" | "htsId" | "restUrl" | "wsUrl" | "liveTrading" | "route"
> {
  return {
    env: kis.KIS_ENV,
    credentials: { appKey: kis.KIS_APP_KEY, appSecret: kis.KIS_APP_SECRET },
    account: kis.KIS_ACCOUNT,
    htsId: kis.KIS_HTS_ID,
    restUrl: kis.KIS_REST_URL,
    wsUrl: kis.KIS_WS_URL,
    liveTrading: kis.liveTrading,
    route: kis.route,
  };
}

/**
 * Reads the runtime's settings; throws an `Error` naming the bad or missing variable.
 * @example
 * ```ts
 * parseRuntimeEnv({}); // { mode: "demo", kvPath: "./data/demo.kv" }
 * ```
 */
export function parseRuntimeEnv(env: Record<string, string | undefined>): RuntimeEnv {
  return parseSection(runtimeEnvSchema, env, "runtime");
}

/** What a process runs: everything, the web role (pages, API, cron jobs) or the worker role. */
export const ROLES = ["all", "web", "worker"] as const;

/** A process's role: `web` serves and schedules, `worker` watches the realtime stream. */
export type Role = (typeof ROLES)[number];

/** `ROLE`'s sub-schema of the environment (unset: `all`). */
export const roleEnvSchema = z.object({
  ROLE: z.enum(ROLES, { error: "ROLE must be all, web or worker" }).default("all"),
}).transform((vars): Role => vars.ROLE);

/**
 * Reads `ROLE` (empty or unset: `all`).
 *
 * @throws {Error} naming `ROLE` and its allowed values when it is anything else.
 * @example parseRole({ ROLE: "worker" }) // "worker"
 */
export function parseRole(env: Record<string, string | undefined>): Role {
  return parseSection(roleEnvSchema, env, "runtime");
}
