import assert from "node:assert/strict";
import { type Alert, AlertIndex, LinearAlertEvaluator } from "../../core/alerts/mod.ts";
import { isOnTick } from "../../core/krx/mod.ts";
import { TypedArrayScan } from "../../bench/_alerts_scan.ts";
import {
  type AlertWorkload,
  alertWorkload,
  type TickEvaluator,
  trendingWorkload,
} from "../../bench/_alerts_workload.ts";

/** The index and the linear evaluator report triggers, the typed-array scan alerts. */
function idOf(fired: unknown): string {
  const trigger = fired as Partial<{ alert: Alert }>;
  return (trigger.alert ?? fired as Alert).id;
}

function firedIds(evaluator: TickEvaluator, workload: AlertWorkload): string[] {
  for (const alert of workload.alerts) evaluator.add(alert);
  const ids: string[] = [];
  for (let t = 0; t < workload.tickPrice.length; t++) {
    const fired = evaluator.onTick(
      workload.symbols[workload.tickSymbol[t]!]!,
      workload.tickPrice[t]!,
      t,
    );
    for (const f of fired) ids.push(idOf(f));
  }
  return ids.sort();
}

Deno.test("the alert benchmark's peers fire the same alerts as the index", async (t) => {
  await t.step("market workload: some alerts fire, most stay active", () => {
    const workload = alertWorkload(50, 2_000, 40_000);
    const index = firedIds(new AlertIndex(), workload);
    assert.deepEqual(firedIds(new TypedArrayScan(40), workload), index);
    assert.deepEqual(firedIds(new LinearAlertEvaluator(), workload), index);
    assert.ok(index.length > 0 && index.length < 200, `${index.length} fired`);
  });
  await t.step("trending workload: highs rise, no stop fires", () => {
    const workload = trendingWorkload(200, 2_000);
    assert.deepEqual(firedIds(new AlertIndex(), workload), []);
    assert.deepEqual(firedIds(new TypedArrayScan(200), workload), []);
    const rises = workload.tickPrice.filter((p, i) => i > 0 && p > workload.tickPrice[i - 1]!);
    assert.ok(rises.length > 1_400, `${rises.length} of 2,000 ticks rise`);
  });
});

Deno.test("the alert benchmark's workload is the same for the same seed and on the tick grid", () => {
  const a = alertWorkload(20, 200, 1_000, 7);
  const b = alertWorkload(20, 200, 1_000, 7);
  assert.deepEqual(a.tickPrice, b.tickPrice);
  assert.deepEqual(a.alerts, b.alerts);
  assert.notDeepEqual(alertWorkload(20, 200, 1_000, 8).tickPrice, a.tickPrice);
  assert.ok(a.tickPrice.every((price) => isOnTick(price)));
});
