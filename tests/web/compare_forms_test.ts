import assert from "node:assert/strict";
import {
  formFieldOf,
  gridValues,
  isFormProblem,
  paramsOf,
  runRequest,
  sweepRequest,
} from "../../routes/(_components)/compare_forms.ts";

Deno.test("the comparison page's forms become the API's bodies", async (t) => {
  const common = {
    strategy: "ma-cross",
    symbols: " 005930, 000660 ,",
    from: "2026-01-02",
    to: "2026-11-27",
    cash: "10,000,000",
  };
  await t.step("a run: parameters as numbers and booleans, symbols as series", () => {
    assert.deepEqual(runRequest({ ...common, name: " 삼성 ", params: "fast=5, slow=20" }), {
      name: "삼성",
      strategy: "ma-cross",
      series: [{ symbol: "005930" }, { symbol: "000660" }],
      from: "2026-01-02",
      to: "2026-11-27",
      cash: 10_000_000,
      params: { fast: 5, slow: 20 },
    });
    assert.deepEqual(paramsOf("mode=vote, strict=true, x=1.5"), {
      mode: "vote",
      strict: true,
      x: 1.5,
    });
    assert.deepEqual(paramsOf(""), {});
  });
  await t.step("a parameter without = is the page's own refusal", () => {
    const refused = runRequest({ ...common, params: "fast" });
    assert.ok(isFormProblem(refused));
    assert.deepEqual(refused, { field: "params", problem: "paramsFormat" });
  });
  await t.step("a sweep: a grid of the two parameters, refused when they are the same", () => {
    const body = sweepRequest({
      ...common,
      xParam: "fast",
      xValues: "3, 5",
      yParam: "slow",
      yValues: "20,40",
      objective: "cagr",
    });
    assert.ok(!isFormProblem(body));
    assert.deepEqual((body as { grid: unknown }).grid, { fast: [3, 5], slow: [20, 40] });
    assert.equal((body as { objective: string }).objective, "cagr");
    const same = sweepRequest({ ...common, xParam: "fast", yParam: "fast" });
    assert.deepEqual(same, { field: "yParam", problem: "sameParam" });
  });
  await t.step("an axis may be written as ranges, a too long one kept for the API to name", () => {
    assert.deepEqual(gridValues("3..9:3, 20"), [3, 6, 9, 20]);
    assert.deepEqual(gridValues("1..3"), [1, 2, 3]);
    assert.deepEqual(gridValues("0.1..0.3:0.1"), [0.1, 0.2, 0.3]);
    assert.deepEqual(gridValues("1..500"), ["1..500"]);
    assert.deepEqual(gridValues("9..3"), ["9..3"]);
    const body = sweepRequest({ xParam: "fast", xValues: "2..4", yParam: "slow", yValues: "20" });
    assert.deepEqual((body as { grid: unknown }).grid, { fast: [2, 3, 4], slow: [20] });
  });
  await t.step("the API's field names map to the form's", () => {
    assert.equal(formFieldOf("params.fast"), "params");
    assert.equal(formFieldOf("series[1].symbol"), "symbols");
    assert.equal(formFieldOf("grid"), "xValues");
    assert.equal(formFieldOf("from"), "from");
  });
});
