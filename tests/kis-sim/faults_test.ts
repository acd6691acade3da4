import assert from "node:assert/strict";
import { FaultInjector, type ImmediateFault } from "../../core/kis-sim/faults.ts";
import { RateLimiter } from "../../core/kis-sim/rate_limit.ts";

Deno.test("counted faults apply to exactly the next calls; lasting ones until cleared", async (t) => {
  const immediate: ImmediateFault[] = [];
  const faults = new FaultInjector((fault) => immediate.push(fault));

  await t.step("http500 then rateLimit, in that order, each for its count", () => {
    faults.inject({ kind: "http500", count: 2 });
    faults.inject({ kind: "rateLimit" });
    assert.deepEqual(
      [
        faults.takeRestFailure(),
        faults.takeRestFailure(),
        faults.takeRestFailure(),
        faults.takeRestFailure(),
      ],
      ["http500", "http500", "rateLimit", null],
    );
  });

  await t.step("slow and notice faults last until clear()", () => {
    faults.inject({ kind: "slow", ms: 250 });
    faults.inject({ kind: "delayFillNotice", ms: 40 });
    faults.inject({ kind: "duplicateFillNotice", count: 1 });
    assert.equal(faults.takeSlowMs(), 250);
    assert.equal(faults.takeSlowMs(), 250);
    assert.deepEqual(faults.takeNoticeFault(), { duplicate: true, delayMs: 40 });
    assert.deepEqual(faults.takeNoticeFault(), { duplicate: false, delayMs: 40 });
    faults.clear();
    assert.equal(faults.takeSlowMs(), 0);
    assert.deepEqual(faults.takeNoticeFault(), { duplicate: false, delayMs: 0 });
  });

  await t.step("immediate faults go straight to the handler", () => {
    faults.inject({ kind: "expireToken" });
    faults.inject({ kind: "pingpongStorm", count: 4 });
    assert.deepEqual(immediate, [{ kind: "expireToken" }, { kind: "pingpongStorm", count: 4 }]);
  });
});

Deno.test("the rate budget admits perSecond calls per key in any 1-second window", () => {
  const limiter = new RateLimiter(2);
  const at = (ms: number, key = "a") => limiter.tryAcquire(key, ms);
  assert.deepEqual([at(0), at(100), at(200), at(200, "b")], [true, true, false, true]);
  assert.equal(at(999), false, "both earlier calls are still inside the window");
  assert.equal(at(1_000), true, "the call at 0 has left the window");
  assert.equal(at(1_050), false);
  assert.throws(() => new RateLimiter(0), RangeError);
});
