import assert from "node:assert/strict";
import { PROJECT_ROOT } from "../e2e/_app_server.ts";

/** One exported span, as OTLP/HTTP JSON carries it. */
interface OtlpSpan {
  readonly traceId: string;
  readonly spanId: string;
  readonly parentSpanId?: string;
  readonly name: string;
  readonly attributes?: { key: string; value: { stringValue?: string; intValue?: string } }[];
}

/** A loopback OTLP/HTTP receiver keeping every span it is sent. */
function startCollector() {
  const spans: OtlpSpan[] = [];
  const server = Deno.serve({ hostname: "127.0.0.1", port: 0, onListen: () => {} }, async (req) => {
    const body = await req.json();
    if (new URL(req.url).pathname === "/v1/traces") {
      for (const resource of body.resourceSpans ?? []) {
        for (const scope of resource.scopeSpans ?? []) spans.push(...scope.spans);
      }
    }
    return Response.json({});
  });
  return { url: `http://127.0.0.1:${server.addr.port}`, spans, server };
}

const attribute = (span: OtlpSpan, key: string) =>
  span.attributes?.find((a) => a.key === key)?.value.stringValue;

/** Runs `script` with OTEL_DENO exporting OTLP/HTTP JSON to `collector`; returns its output. */
async function runTraced(script: string, collector: { url: string }): Promise<string> {
  const child = await new Deno.Command(Deno.execPath(), {
    args: ["run", "-A", script],
    cwd: PROJECT_ROOT,
    env: {
      OTEL_DENO: "true",
      OTEL_EXPORTER_OTLP_ENDPOINT: collector.url,
      OTEL_EXPORTER_OTLP_PROTOCOL: "http/json",
      OTEL_SERVICE_NAME: "yeouido-test",
      OTEL_DENO_CONSOLE: "ignore",
    },
    stdout: "piped",
    stderr: "piped",
  }).output();
  const said = new TextDecoder().decode(child.stdout) + new TextDecoder().decode(child.stderr);
  assert.equal(child.code, 0, said);
  return said;
}

Deno.test("with OTEL_DENO, placing an order exports an order.place span parenting its KIS calls", async () => {
  const collector = startCollector();
  try {
    const said = await runTraced("tests/obs/_traced_order.ts", collector);
    assert.match(said, /^submitted$/m);

    const placed = collector.spans.filter((span) => span.name === "order.place");
    assert.equal(placed.length, 1, "one placement, one span");
    const order = placed[0]!;
    assert.equal(attribute(order, "order.side"), "buy");
    assert.equal(attribute(order, "order.symbol"), "005930");
    const kisCalls = collector.spans.filter((span) =>
      span.parentSpanId === order.spanId && attribute(span, "url.full")?.includes("/uapi/")
    );
    const paths = kisCalls.map((span) => new URL(attribute(span, "url.full")!).pathname);
    assert.ok(
      paths.some((path) => path.endsWith("/trading/order-cash")),
      `the order call is a child of order.place: ${paths.join(", ")}`,
    );
    assert.ok(paths.some((path) => path.endsWith("/quotations/inquire-price")), paths.join(", "));
    assert.ok(kisCalls.every((span) => span.traceId === order.traceId));
  } finally {
    await collector.server.shutdown();
  }
});

Deno.test("with OTEL_DENO, a job run exports job.run parenting alert.sweep and its alert.trigger", async () => {
  const collector = startCollector();
  try {
    const said = await runTraced("tests/obs/_traced_engine.ts", collector);
    assert.match(said, /^fired$/m);
    const runs = collector.spans.filter((span) =>
      span.name === "job.run" && attribute(span, "job.name") === "alert-sweep"
    );
    assert.equal(runs.length, 1, "one run, one span");
    const [run] = runs;
    const sweep = collector.spans.find((span) => span.name === "alert.sweep");
    assert.ok(sweep, "the sweep has a span");
    assert.equal(sweep.parentSpanId, run!.spanId, "the sweep runs inside the job's span");
    const triggers = collector.spans.filter((span) => span.name === "alert.trigger");
    assert.equal(triggers.length, 1);
    const [trigger] = triggers;
    assert.equal(trigger!.parentSpanId, sweep.spanId);
    assert.equal(trigger!.traceId, run!.traceId);
    assert.equal(attribute(trigger!, "alert.kind"), "price_above");
    assert.equal(attribute(trigger!, "alert.action"), "notify");
    assert.equal(attribute(trigger!, "alert.symbol"), "005930");
    assert.equal(attribute(trigger!, "alert.result"), "fired");
  } finally {
    await collector.server.shutdown();
  }
});
