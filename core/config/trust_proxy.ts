/**
 * `TRUST_PROXY`: whether the app sits behind reverse proxies whose `X-Forwarded-For` it believes.
 * Off by default, so the client address is the connection's peer and a sent header changes
 * nothing. A number trusts that many hops in front of the app; a comma-separated list of
 * addresses and CIDR ranges trusts those proxies only.
 * @module
 */
import { z } from "zod";
import { type IpRange, parseIpRange } from "../net/ip.ts";
import { addProblem, parseSection } from "./section.ts";

/** How far the app believes `X-Forwarded-For`. */
export type TrustProxy =
  | { readonly kind: "off" }
  /** The last `hops` entries of the chain (the peer included) are proxies. */
  | { readonly kind: "hops"; readonly hops: number }
  /** Peers and forwarded hops inside these ranges are proxies. */
  | { readonly kind: "ranges"; readonly ranges: readonly IpRange[]; readonly text: string };

const RULE = "TRUST_PROXY must be off, a hop count from 1 to 10, or a comma-separated list of " +
  "proxy addresses or CIDR ranges";

const OFF = new Set(["", "0", "off", "false", "no"]);

/** The reverse proxies' sub-schema of the environment. */
export const trustProxyEnvSchema = z.object({ TRUST_PROXY: z.string().optional() })
  .transform((vars, ctx): TrustProxy => {
    const text = (vars.TRUST_PROXY ?? "").trim();
    if (OFF.has(text.toLowerCase())) return { kind: "off" };
    if (/^\d+$/.test(text)) {
      const hops = Number(text);
      if (hops <= 10) return { kind: "hops", hops };
      addProblem(ctx, "TRUST_PROXY", RULE);
      return z.NEVER;
    }
    const ranges = text.split(",").map((item) => parseIpRange(item));
    if (ranges.some((range) => range === null)) {
      addProblem(ctx, "TRUST_PROXY", RULE);
      return z.NEVER;
    }
    return { kind: "ranges", ranges: ranges as IpRange[], text };
  });

/**
 * Reads `TRUST_PROXY` from `env` (unset or empty: off).
 *
 * @throws {Error} naming `TRUST_PROXY` (with the rule, never the value) when it does not parse.
 * @example parseTrustProxyEnv({ TRUST_PROXY: "1" }) // { kind: "hops", hops: 1 }
 */
export function parseTrustProxyEnv(env: Record<string, string | undefined>): TrustProxy {
  return parseSection(trustProxyEnvSchema, env, "proxy");
}
