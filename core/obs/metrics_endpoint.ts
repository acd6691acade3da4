/**
 * `GET /metrics`: the registry in Prometheus text format, for a scraper holding the bearer token
 * from `METRICS_TOKEN`; with no token configured, for loopback clients only.
 * @module
 */
import type { Registry } from "prom-client";

/** Who may scrape. */
export interface MetricsAccess {
  /** The bearer token a scraper must send; unset or empty means loopback clients only. */
  readonly token?: string;
}

/** Whether an address is the local host (127.0.0.0/8, ::1, or IPv4 mapped into IPv6). */
export function isLoopback(hostname: string): boolean {
  const address = hostname.replace(/^\[|\]$/g, "").replace(/^::ffff:/i, "");
  return address === "::1" || /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(address);
}

/** Compares in time independent of where the strings differ, so the token cannot be guessed by timing. */
function sameSecret(given: string, expected: string): boolean {
  const a = new TextEncoder().encode(given);
  const b = new TextEncoder().encode(expected);
  let difference = a.length ^ b.length;
  for (let i = 0; i < b.length; i++) difference |= (a[i] ?? 0) ^ b[i]!;
  return difference === 0;
}

/** Whether a request may read the metrics. */
function mayScrape(
  req: Request,
  info: Deno.ServeHandlerInfo,
  access: MetricsAccess,
): boolean {
  if (access.token === undefined) {
    const remote = info.remoteAddr;
    return remote.transport === "tcp" && isLoopback(remote.hostname);
  }
  const header = req.headers.get("authorization") ?? "";
  const match = /^Bearer\s+(.+)$/i.exec(header);
  return match !== null && sameSecret(match[1]!.trim(), access.token);
}

/**
 * Answers a scrape: 200 with the text exposition, or 401 with a `WWW-Authenticate` challenge.
 * @example
 * ```ts
 * const res = await serveMetrics(req, info, appMetrics.registry, { token: "s3cret" });
 * ```
 */
export async function serveMetrics(
  req: Request,
  info: Deno.ServeHandlerInfo,
  registry: Registry,
  access: MetricsAccess,
): Promise<Response> {
  if (!mayScrape(req, info, access)) {
    return new Response("metrics need a bearer token\n", {
      status: 401,
      headers: { "www-authenticate": 'Bearer realm="metrics"', "cache-control": "no-store" },
    });
  }
  return new Response(await registry.metrics(), {
    headers: { "content-type": registry.contentType, "cache-control": "no-store" },
  });
}
