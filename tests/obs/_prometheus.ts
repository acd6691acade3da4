/**
 * Debian's real `prometheus` binary, started on loopback with a generated config that scrapes one
 * target every second, or a reason it is unavailable. With `REQUIRE_E2E=1` a missing binary fails
 * the run instead of skipping.
 * @module
 */

/** Where Debian installs Prometheus. */
export const PROMETHEUS_PATH = Deno.env.get("PROMETHEUS_PATH") ?? "/usr/bin/prometheus";

/** Debian's `promtool`, from the same package. */
export const PROMTOOL_PATH = PROMETHEUS_PATH.replace(/prometheus$/, "promtool");

/** Whether tests that need real programs must run (CI sets `REQUIRE_E2E=1`). */
const E2E_REQUIRED = Deno.env.get("REQUIRE_E2E") === "1";

/**
 * True when the binary is installed, or when E2E is required (so the start fails loudly). When the
 * test is skipped, says why on stderr.
 */
export function prometheusTestsEnabled(): boolean {
  if (E2E_REQUIRED) return true;
  let found = false;
  try {
    found = Deno.statSync(PROMETHEUS_PATH).isFile;
  } catch {
    found = false;
  }
  if (!found) {
    // deno-lint-ignore no-console -- a skipped test must say why where the person running it looks
    console.error(
      `Prometheus scrape test skipped: no prometheus at ${PROMETHEUS_PATH} (apt-get install ` +
        `prometheus, or set PROMETHEUS_PATH; REQUIRE_E2E=1 makes it fail instead)`,
    );
  }
  return found;
}

/** A running Prometheus. */
export interface PrometheusServer {
  /** Base URL of its HTTP API, e.g. `http://127.0.0.1:41235`. */
  readonly url: string;
  /** What it logged so far, for failure messages. */
  readonly logs: string[];
  stop(): Promise<void>;
}

/** What to scrape: a loopback `host:port`, the path, and the bearer token to send. */
export interface ScrapeTarget {
  readonly address: string;
  readonly metricsPath: string;
  readonly bearerToken: string;
}

function freePort(): number {
  const listener = Deno.listen({ hostname: "127.0.0.1", port: 0 });
  const { port } = listener.addr as Deno.NetAddr;
  listener.close();
  return port;
}

/** The generated `prometheus.yml`: one job scraping `target` every second. */
export function scrapeConfig(target: ScrapeTarget): string {
  return [
    "global:",
    "  scrape_interval: 1s",
    "  evaluation_interval: 1s",
    "scrape_configs:",
    "  - job_name: yeouido",
    `    metrics_path: ${JSON.stringify(target.metricsPath)}`,
    "    authorization:",
    "      type: Bearer",
    `      credentials: ${JSON.stringify(target.bearerToken)}`,
    "    static_configs:",
    `      - targets: [${JSON.stringify(target.address)}]`,
    "",
  ].join("\n");
}

/**
 * Starts Prometheus with its storage and config in a fresh temporary folder, and waits (at most
 * 30 s) until its `/-/ready` endpoint answers.
 */
export async function startPrometheus(target: ScrapeTarget): Promise<PrometheusServer> {
  const dir = await Deno.makeTempDir({ prefix: "yeouido-prometheus-" });
  await Deno.writeTextFile(`${dir}/prometheus.yml`, scrapeConfig(target));
  const address = `127.0.0.1:${freePort()}`;
  const child = new Deno.Command(PROMETHEUS_PATH, {
    args: [
      `--config.file=${dir}/prometheus.yml`,
      `--storage.tsdb.path=${dir}/data`,
      `--web.listen-address=${address}`,
    ],
    stdin: "null",
    stdout: "null",
    stderr: "piped",
  }).spawn();
  const logs: string[] = [];
  const drain = (async () => {
    for await (const chunk of child.stderr.pipeThrough(new TextDecoderStream())) logs.push(chunk);
  })();
  const url = `http://${address}`;
  const stop = async () => {
    try {
      child.kill("SIGTERM");
    } catch {
      // Already exited; its status below still settles.
    }
    await child.status;
    await drain;
    await Deno.remove(dir, { recursive: true });
  };
  for (let attempt = 0;; attempt++) {
    try {
      const res = await fetch(`${url}/-/ready`);
      await res.body?.cancel();
      if (res.ok) break;
    } catch {
      // Not listening yet.
    }
    if (attempt >= 150) {
      await stop();
      throw new Error(`prometheus did not become ready at ${url}:\n${logs.join("")}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  return { url, logs, stop };
}

/** One sample of an instant-query result. */
export interface QuerySample {
  readonly metric: Record<string, string>;
  readonly value: readonly [number, string];
}

/** Runs an instant query through `/api/v1/query` and returns its vector. */
export async function queryPrometheus(
  server: PrometheusServer,
  query: string,
): Promise<QuerySample[]> {
  const res = await fetch(`${server.url}/api/v1/query?query=${encodeURIComponent(query)}`);
  const body = await res.json() as {
    status: string;
    error?: string;
    data?: { resultType: string; result: QuerySample[] };
  };
  if (body.status !== "success" || body.data?.resultType !== "vector") {
    throw new Error(`query ${query} failed: ${body.error ?? JSON.stringify(body)}`);
  }
  return body.data.result;
}
