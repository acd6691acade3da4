import assert from "node:assert/strict";
import { alignCurves } from "@/core/lab/mod.ts";

Deno.test("alignCurves puts curves on the union of dates, each from 1.0, null outside its dates", () => {
  const aligned = alignCurves([
    {
      id: "a",
      equity: [
        { date: "2026-01-02", equity: 1_000 },
        { date: "2026-01-05", equity: 1_100 },
        { date: "2026-01-07", equity: 990 },
      ],
    },
    {
      id: "b",
      equity: [
        { date: "2026-01-05", equity: 50 },
        { date: "2026-01-06", equity: 55 },
      ],
    },
  ]);
  assert.deepEqual(aligned.dates, ["2026-01-02", "2026-01-05", "2026-01-06", "2026-01-07"]);
  assert.deepEqual(aligned.curves, [
    { id: "a", values: [1, 1.1, 1.1, 0.99] },
    { id: "b", values: [null, 1, 1.1, null] },
  ]);
});

Deno.test("alignCurves of an empty curve is nulls", () => {
  const aligned = alignCurves([
    { id: "a", equity: [{ date: "2026-01-02", equity: 5 }] },
    { id: "b", equity: [] },
  ]);
  assert.deepEqual(aligned.curves[1], { id: "b", values: [null] });
});
