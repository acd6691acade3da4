/**
 * The client address of an API request: the connection's peer, or, behind trusted proxies
 * (`TRUST_PROXY`), the nearest `X-Forwarded-For` hop that is not one of them. Login lockouts and
 * logs key on it; a header from an untrusted peer is ignored, so it cannot be spoofed.
 * @module
 */
import type { Context } from "hono";
import type { TrustProxy } from "../config/trust_proxy.ts";
import { inRange, parseIp } from "../net/ip.ts";

/** What an address is when the server did not say (a request built in-process). */
export const UNKNOWN_ADDRESS = "unknown";

/** The connection's peer address as `Deno.serve` reports it (the Hono env), or "unknown". */
export function peerAddress(c: Context): string {
  const env: unknown = c.env;
  if (typeof env === "object" && env !== null && "remoteAddr" in env) {
    const remote = (env as { remoteAddr?: { hostname?: unknown } }).remoteAddr;
    if (typeof remote?.hostname === "string") return remote.hostname;
  }
  return UNKNOWN_ADDRESS;
}

/**
 * The client address from the peer and the `X-Forwarded-For` header under `trust`. Walking the
 * chain (the header's hops, then the peer) from the right, proxies are skipped: the last `hops`
 * entries, or every entry inside a trusted range. A hop that is not an address ends the walk at
 * the proxy that forwarded it.
 * @example clientIpOf("10.0.0.2", "203.0.113.7", { kind: "hops", hops: 1 }) // "203.0.113.7"
 */
export function clientIpOf(peer: string, forwardedFor: string | null, trust: TrustProxy): string {
  if (trust.kind === "off" || forwardedFor === null) return peer;
  const chain = [...forwardedFor.split(",").map((hop) => hop.trim()), peer];
  let index = chain.length - 1;
  const isProxy = (hop: string, position: number): boolean => {
    if (trust.kind === "hops") return position >= chain.length - trust.hops;
    const address = parseIp(hop);
    return address !== null && trust.ranges.some((range) => inRange(address, range));
  };
  while (index > 0 && isProxy(chain[index]!, index)) {
    if (parseIp(chain[index - 1]!) === null) return chain[index]!;
    index -= 1;
  }
  return chain[index]!;
}

/** The request's client address under `trust` (off: the peer). */
export function clientAddress(c: Context, trust: TrustProxy = { kind: "off" }): string {
  return clientIpOf(peerAddress(c), c.req.header("x-forwarded-for") ?? null, trust);
}
