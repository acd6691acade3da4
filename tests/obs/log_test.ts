import assert from "node:assert/strict";
import { configureLog, consoleWriter, log, withLogContext } from "@/core/obs/log.ts";
import { registerSecret } from "@/core/obs/redact.ts";

/** The lines `fn` logs, split as the console writer would split them (stdout, stderr). */
async function captured(fn: () => unknown): Promise<{ out: string[]; err: string[] }> {
  const out: string[] = [];
  const err: string[] = [];
  configureLog({
    write: (line, level) => (level === "warn" || level === "error" ? err : out).push(line),
  });
  try {
    await fn();
  } finally {
    configureLog({ format: "json", level: "debug", write: consoleWriter });
  }
  return { out, err };
}

Deno.test("a log line is one JSON object; warnings and errors go to stderr", async () => {
  const { out, err } = await captured(() => {
    log("info", "placed", { orderId: "o1" });
    log("error", "failed", { error: new Error("boom") });
  });
  assert.equal(out.length, 1);
  const line = JSON.parse(out[0]!);
  assert.equal(line.level, "info");
  assert.equal(line.msg, "placed");
  assert.equal(line.orderId, "o1");
  assert.ok(!Number.isNaN(Date.parse(line.time)));
  assert.equal(JSON.parse(err[0]!).error.message, "boom");
});

Deno.test("context fields reach every line written inside, across awaits, and nest", async () => {
  const { out } = await captured(() =>
    withLogContext({ requestId: "r1", account: "12345678-01" }, async () => {
      await new Promise((resolve) => setTimeout(resolve, 1));
      log("info", "outer");
      await withLogContext({ orderId: "o9" }, () => {
        log("info", "inner");
        return Promise.resolve();
      });
    })
  );
  const [outer, inner] = out.map((line) => JSON.parse(line));
  assert.deepEqual([outer.requestId, outer.account, outer.orderId], [
    "r1",
    "12345678-01",
    undefined,
  ]);
  assert.deepEqual([inner.requestId, inner.orderId], ["r1", "o9"]);
});

Deno.test("no secret reaches a log line, whether in a field, a message or an error", async () => {
  const secret = "test-app-secret-value-777";
  registerSecret(secret);
  const { out, err } = await captured(() => {
    log("info", `token issued with ${secret}`, { appSecret: secret, note: secret });
    log("error", "call failed", { error: new Error(`401 for ${secret}`) });
  });
  const all = [...out, ...err].join("\n");
  assert.equal(all.includes(secret), false, all);
});

Deno.test("pretty format writes one readable line and the level filter drops lower levels", async () => {
  const { out } = await captured(() => {
    configureLog({ format: "pretty", level: "info" });
    log("debug", "hidden");
    log("info", "시세 수신", { symbol: "005930", price: 71_000 });
  });
  assert.equal(out.length, 1);
  assert.match(out[0]!, /^\d{2}:\d{2}:\d{2}\.\d{3} INFO {2}시세 수신 symbol=005930 price=71000$/);
});
