import assert from "node:assert/strict";
import { parseRole, workerHandler } from "../../core/runtime/mod.ts";

Deno.test("ROLE chooses what a process runs; unset or empty is all, anything else is refused", async (t) => {
  await t.step("the three roles", () => {
    assert.equal(parseRole({}), "all");
    assert.equal(parseRole({ ROLE: "" }), "all");
    assert.equal(parseRole({ ROLE: "web" }), "web");
    assert.equal(parseRole({ ROLE: "worker" }), "worker");
  });
  await t.step("a typo names ROLE and its values", () => {
    assert.throws(() => parseRole({ ROLE: "Worker" }), /ROLE must be all, web or worker/);
  });
});

Deno.test("the worker answers liveness and metrics, and 404 for pages", async () => {
  const handle = workerHandler({});
  const info = {
    remoteAddr: { transport: "tcp", hostname: "127.0.0.1", port: 50_000 },
    completed: Promise.resolve(),
  } as Deno.ServeHandlerInfo<Deno.NetAddr>;
  const live = await handle(new Request("http://worker/api/v1/health/live"), info);
  assert.equal(live.status, 200);
  assert.equal((await live.json()).role, "worker");
  const metrics = await handle(new Request("http://worker/metrics"), info);
  assert.equal(metrics.status, 200);
  await metrics.body?.cancel();
  const page = await handle(new Request("http://worker/"), info);
  assert.equal(page.status, 404);
  assert.equal((await page.json()).error.code, "not_found");
});
