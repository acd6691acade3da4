/**
 * The runtime's settings from the environment: the KIS keys (all of `KIS_APP_KEY`,
 * `KIS_APP_SECRET` and `KIS_ACCOUNT`, or none of them) and `KV_PATH` (on Deno Deploy, where
 * `DENO_DEPLOYMENT_ID` is set, the platform's KV unless `KV_PATH` names another).
 * @module
 */
import { z } from "zod";
import { DEFAULT_KV_PATH, PLATFORM_KV } from "../store/mod.ts";

/** Where the demo keeps its store unless `KV_PATH` says otherwise, apart from a real account's. */
export const DEMO_KV_PATH = "./data/demo.kv";

const KEY_NAMES = ["KIS_APP_KEY", "KIS_APP_SECRET", "KIS_ACCOUNT"] as const;

const kisSchema = z.object({
  KIS_APP_KEY: z.string().min(1),
  KIS_APP_SECRET: z.string().min(1),
  KIS_ACCOUNT: z.string().regex(/^\d{8}-\d{2}$/, "KIS_ACCOUNT must look like 12345678-01"),
  KIS_ENV: z.enum(["real", "vts"], { error: "KIS_ENV must be real or vts" }).default("vts"),
  KIS_HTS_ID: z.string().min(1).optional(),
  KIS_REST_URL: z.url({ error: "KIS_REST_URL must be a URL" }).optional(),
  KIS_WS_URL: z.url({ error: "KIS_WS_URL must be a URL" }).optional(),
  KV_PATH: z.string().min(1).default(DEFAULT_KV_PATH),
});

/** What the runtime starts: the embedded demo, or a broker on a KIS account. */
export type RuntimeEnv =
  | { readonly mode: "demo"; readonly kvPath: string }
  | { readonly mode: "kis"; readonly kvPath: string; readonly kis: z.output<typeof kisSchema> };

/**
 * Reads the runtime's settings; throws an `Error` naming the bad or missing variable when only
 * some of the KIS keys are set, so a typo never silently falls back to the demo.
 * @example
 * ```ts
 * parseRuntimeEnv({}); // { mode: "demo", kvPath: "./data/demo.kv" }
 * ```
 */
export function parseRuntimeEnv(env: Record<string, string | undefined>): RuntimeEnv {
  // On Deno Deploy (DENO_DEPLOYMENT_ID set) there is no file system: the platform's KV is the default.
  const platform = env.DENO_DEPLOYMENT_ID ? PLATFORM_KV : undefined;
  const value = (name: string) =>
    env[name] || (name === "KV_PATH" ? platform : undefined) || undefined;
  const present = KEY_NAMES.filter((name) => value(name) !== undefined);
  if (present.length === 0) return { mode: "demo", kvPath: value("KV_PATH") ?? DEMO_KV_PATH };
  if (present.length < KEY_NAMES.length) {
    const missing = KEY_NAMES.filter((name) => value(name) === undefined);
    throw new Error(
      `invalid runtime environment: ${missing.join(", ")} not set; set all of ${
        KEY_NAMES.join(", ")
      } for a KIS account, or none for the demo`,
    );
  }
  const result = kisSchema.safeParse(Object.fromEntries(
    Object.keys(kisSchema.shape).map((name) => [name, value(name)]),
  ));
  if (!result.success) {
    throw new Error(
      `invalid runtime environment: ${result.error.issues.map((i) => i.message).join("; ")}`,
    );
  }
  return { mode: "kis", kvPath: result.data.KV_PATH, kis: result.data };
}

/** What a process runs: everything, the web role (pages, API, cron jobs) or the worker role. */
export const ROLES = ["all", "web", "worker"] as const;

/** A process's role: `web` serves and schedules, `worker` watches the realtime stream. */
export type Role = (typeof ROLES)[number];

const roleSchema = z.enum(ROLES, { error: "ROLE must be all, web or worker" }).default("all");

/**
 * Reads `ROLE` (empty or unset: `all`).
 *
 * @throws {Error} naming `ROLE` and its allowed values when it is anything else.
 * @example parseRole({ ROLE: "worker" }) // "worker"
 */
export function parseRole(env: Record<string, string | undefined>): Role {
  const result = roleSchema.safeParse(env.ROLE || undefined);
  if (!result.success) {
    throw new Error(`invalid runtime environment: ${result.error.issues[0]!.message}`);
  }
  return result.data;
}
