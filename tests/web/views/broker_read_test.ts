import assert from "node:assert/strict";
import { BrokerError } from "@/core/broker/mod.ts";
import { readBroker } from "@/core/web/views/mod.ts";

Deno.test("readBroker turns broker failures and silence into a message, and bugs into throws", async (t) => {
  await t.step("an answer is the value", async () => {
    assert.deepEqual(await readBroker(() => Promise.resolve(7)), { ok: true, value: 7 });
  });

  await t.step("a BrokerError is its message", async () => {
    const read = await readBroker(() => Promise.reject(new BrokerError("network", "refused")));
    assert.deepEqual(read, { ok: false, error: "refused" });
  });

  await t.step("no answer within the deadline is a message, not a hang", async () => {
    let release = () => {};
    const late = new Promise<number>((resolve) => release = () => resolve(1));
    const read = await readBroker(() => late, 20);
    assert.deepEqual(read, { ok: false, error: "no answer within 20 ms" });
    release();
  });

  await t.step("any other error is a bug and is thrown", async () => {
    await assert.rejects(readBroker(() => Promise.reject(new TypeError("bug"))), TypeError);
  });
});
