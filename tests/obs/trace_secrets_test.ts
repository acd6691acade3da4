import assert from "node:assert/strict";
import { traceSamplerProblem } from "@/core/obs/tracing.ts";
import { PROJECT_ROOT } from "../e2e/_app_server.ts";

/**
 * A loopback server that is both the notification services (Telegram's Bot API answers
 * `{ok: true}`, Slack `ok`) and the OTLP/HTTP collector: it keeps the raw bytes of every
 * `/v1/traces` export, as Deno sends them (`application/x-protobuf`).
 */
function startReceiver() {
  const exports: Uint8Array[] = [];
  const paths: string[] = [];
  const server = Deno.serve({ hostname: "127.0.0.1", port: 0, onListen: () => {} }, async (req) => {
    const path = new URL(req.url).pathname;
    const body = new Uint8Array(await req.arrayBuffer());
    if (path === "/v1/traces") {
      exports.push(body);
      return new Response(null, { status: 200 });
    }
    if (path.startsWith("/v1/")) return new Response(null, { status: 200 });
    paths.push(path);
    return path.startsWith("/bot")
      ? Response.json({ ok: true, result: { message_id: 1 } })
      : new Response("ok");
  });
  return { url: `http://127.0.0.1:${server.addr.port}`, exports, paths, server };
}

/** Whether `needle` occurs in any of `chunks`, byte for byte. */
function contains(chunks: readonly Uint8Array[], needle: string): boolean {
  const text = chunks.map((chunk) => new TextDecoder("latin1").decode(chunk)).join("\n");
  return text.includes(needle);
}

/** Delivers on both channels from a child exporting OTLP/HTTP protobuf with `sampler`. */
async function deliverTraced(sampler: string | undefined) {
  const receiver = startReceiver();
  const botToken = `${1_000_000 + Math.floor(Math.random() * 1e6)}:AA${crypto.randomUUID()}`;
  const hookSecret = crypto.randomUUID().replaceAll("-", "");
  try {
    const child = await new Deno.Command(Deno.execPath(), {
      args: ["run", "-A", "tests/obs/_traced_notify.ts"],
      cwd: PROJECT_ROOT,
      env: {
        OTEL_DENO: "true",
        OTEL_EXPORTER_OTLP_ENDPOINT: receiver.url,
        OTEL_EXPORTER_OTLP_PROTOCOL: "http/protobuf",
        OTEL_SERVICE_NAME: "yeouido-test",
        OTEL_DENO_CONSOLE: "ignore",
        ...(sampler === undefined ? {} : { OTEL_TRACES_SAMPLER: sampler }),
        RECEIVER_URL: receiver.url,
        TELEGRAM_BOT_TOKEN: botToken,
        SLACK_HOOK_PATH: `/services/T1/B1/${hookSecret}`,
      },
      stdout: "piped",
      stderr: "piped",
    }).output();
    const said = new TextDecoder().decode(child.stdout) + new TextDecoder().decode(child.stderr);
    assert.equal(child.code, 0, said);
    assert.match(said, /^telegram delivered$/m);
    assert.match(said, /^slack delivered$/m);
    assert.ok(receiver.paths.includes(`/bot${botToken}/sendMessage`), "Telegram was called");
    assert.ok(receiver.exports.length > 0, "the child exported traces");
    return { exports: receiver.exports, botToken, hookSecret };
  } finally {
    await receiver.server.shutdown();
  }
}

Deno.test("with a parent-based sampler, exported traces hold the deliveries but no channel token", async () => {
  const { exports, botToken, hookSecret } = await deliverTraced("parentbased_always_on");
  assert.ok(contains(exports, "notify.deliver"), "our delivery spans are exported");
  assert.ok(contains(exports, "/control"), "a plain fetch's span is exported with its URL");
  assert.equal(contains(exports, botToken), false, "the bot token is not in the traces");
  assert.equal(contains(exports, botToken.split(":")[1]!), false, "nor its secret half");
  assert.equal(contains(exports, hookSecret), false, "the Slack hook's secret is not either");
});

Deno.test("with Deno's default sampler the channels' fetch spans still carry the token (why the sampler is required)", async () => {
  const { exports, botToken } = await deliverTraced(undefined);
  assert.ok(contains(exports, "notify.deliver"));
  assert.equal(contains(exports, botToken), true, "documented in docs/observability.md#traces");
});

Deno.test("the sampler check names the setting only when traces are exported without a parent-based sampler", () => {
  assert.equal(traceSamplerProblem({}), null, "no OTEL_DENO, nothing exported");
  assert.equal(
    traceSamplerProblem({ OTEL_DENO: "true", OTEL_TRACES_SAMPLER: "parentbased_traceidratio" }),
    null,
  );
  assert.match(traceSamplerProblem({ OTEL_DENO: "true" })!, /OTEL_TRACES_SAMPLER=\(unset\)/);
  assert.match(
    traceSamplerProblem({ OTEL_DENO: "1", OTEL_TRACES_SAMPLER: "always_on" })!,
    /parentbased_always_on/,
  );
});
