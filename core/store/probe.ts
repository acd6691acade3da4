/**
 * One timed KV read, for the detailed health and the `kv_*` metrics: whether the store answers
 * and how long a read takes. An error is reported, never thrown.
 * @module
 */

/** The key read; it is never written, so the read finds nothing and costs the least. */
const PROBE_KEY: Deno.KvKey = ["health", "probe"];

/** What one read showed: reachable with its latency, or the error it failed with. */
export type KvProbe =
  | { readonly reachable: true; readonly latencyMs: number; readonly error: null }
  | { readonly reachable: false; readonly latencyMs: null; readonly error: string };

/** Times one read on `kv`. */
export async function probeKv(kv: Deno.Kv): Promise<KvProbe> {
  const start = performance.now();
  try {
    await kv.get(PROBE_KEY);
    return { reachable: true, latencyMs: performance.now() - start, error: null };
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    return { reachable: false, latencyMs: null, error: message };
  }
}
