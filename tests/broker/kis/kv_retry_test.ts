import assert from "node:assert/strict";
import { type Clock } from "../../../core/broker/kis/mod.ts";
import { isKvBusy, whileKvBusy } from "../../../core/broker/kis/kv_retry.ts";

/** Virtual time: sleeps return at once and are recorded. */
function instantClock(): Clock & { slept: number[] } {
  const slept: number[] = [];
  return {
    slept,
    now: () => 0,
    sleep(ms) {
      slept.push(ms);
      return Promise.resolve();
    },
  };
}

/** An operation that fails with `errors` in turn, then answers `"done"`. */
function failingWith(errors: Error[]) {
  let calls = 0;
  return {
    calls: () => calls,
    run: () => {
      const error = errors[calls++];
      return error ? Promise.reject(error) : Promise.resolve("done");
    },
  };
}

const locked = () => new TypeError("database is locked");

Deno.test("a KV operation refused with 'database is locked' runs again until it succeeds", async () => {
  const clock = instantClock();
  const operation = failingWith([locked(), locked()]);
  assert.equal(await whileKvBusy(clock, operation.run), "done");
  assert.equal(operation.calls(), 3);
  assert.deepEqual(clock.slept, [5, 10]);
});

Deno.test("other errors, and a lock that outlasts the attempts, reach the caller", async (t) => {
  await t.step("another error is thrown at once", async () => {
    const operation = failingWith([new TypeError("value too large")]);
    await assert.rejects(whileKvBusy(instantClock(), operation.run), /value too large/);
    assert.equal(operation.calls(), 1);
  });
  await t.step("the lock is thrown after the last attempt", async () => {
    const operation = failingWith([locked(), locked(), locked()]);
    await assert.rejects(whileKvBusy(instantClock(), operation.run, 3), /database is locked/);
    assert.equal(operation.calls(), 3);
  });
  await t.step("only the lock message counts as busy", () => {
    assert.equal(isKvBusy(locked()), true);
    assert.equal(isKvBusy(new Error("locked out")), false);
    assert.equal(isKvBusy("database is locked"), false);
  });
});
