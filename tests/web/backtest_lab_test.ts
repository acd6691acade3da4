import assert from "node:assert/strict";
import { z } from "zod";
import { STRATEGIES } from "@/core/strategies/registry.ts";
import { labRunName } from "@/core/web/backtest_lab_run.ts";
import {
  LAB_DEFAULT_SYMBOLS,
  labField,
  labInputs,
  labRequest,
  labSearch,
  type LabStrategy,
  labSymbols,
  paramSpecs,
  withStrategy,
} from "@/core/web/backtest_lab.ts";

/** The lab's strategies from the registry's schemas, as the API's strategies route gives them. */
const strategies: LabStrategy[] = Object.values(STRATEGIES).map((s) => ({
  id: s.id,
  name: s.name.en,
  params: paramSpecs(
    z.toJSONSchema(s.params as z.ZodType, { io: "input", unrepresentable: "any" }),
  ),
}));
const byId = (id: string) => strategies.find((s) => s.id === id)!;

Deno.test("parameter inputs come from the schema: bounded numbers and enums, not lists", () => {
  assert.deepEqual(byId("ma-cross").params.map((p) => [p.name, p.kind, p.min, p.max, p.default]), [
    ["fast", "integer", 1, 250, "5"],
    ["slow", "integer", 2, 500, "20"],
  ]);
  const exit = byId("bollinger").params.find((p) => p.name === "exit")!;
  assert.deepEqual([exit.kind, exit.options, exit.default], [
    "enum",
    ["middle", "upper"],
    "middle",
  ]);
  assert.deepEqual(byId("composite").params.map((p) => p.name), ["mode", "threshold"]);
  assert.equal(byId("composite").params.find((p) => p.name === "threshold")!.min, 0);
});

Deno.test("an empty query gives the defaults: the first strategy, three symbols, a year", () => {
  const inputs = labInputs(new URLSearchParams(), strategies, "2026-12-03");
  assert.equal(inputs.strategy, "ma-cross");
  assert.deepEqual(inputs.params, { fast: "5", slow: "20" });
  assert.equal(inputs.symbols, LAB_DEFAULT_SYMBOLS);
  assert.deepEqual([inputs.from, inputs.to], ["2025-12-03", "2026-12-03"]);
  assert.equal(inputs.fill, "open");
});

Deno.test("the share link's query string restores every input", () => {
  const typed = {
    ...withStrategy(labInputs(new URLSearchParams(), strategies, "2026-12-03"), byId("rsi")),
    params: { period: "9", lower: "25.5", upper: "80" },
    symbols: "069500 , 005930",
    from: "2024-01-02",
    to: "2024-12-30",
    cash: "5,000,000",
    fee: "0.1",
    tax: "0.2",
    slippage: "2",
    fill: "close" as const,
  };
  const restored = labInputs(new URLSearchParams(labSearch(typed)), strategies, "2026-12-03");
  assert.deepEqual(restored, typed);
});

Deno.test("a switched strategy starts from its own defaults", () => {
  const inputs = labInputs(new URLSearchParams("p.fast=3"), strategies, "2026-12-03");
  assert.deepEqual(withStrategy(inputs, byId("bollinger")).params, {
    period: "20",
    k: "2",
    exit: "middle",
  });
});

Deno.test("the request is in the API's units; what is not a number goes as typed", () => {
  const inputs = {
    ...labInputs(new URLSearchParams(), strategies, "2026-12-03"),
    params: { fast: "7", slow: "many" },
    symbols: "005930,000660, 005930",
    cash: "1,000,000",
    fee: "0.015",
    tax: "",
    slippage: "0",
  };
  const series = labSymbols(inputs).map((symbol) => ({ symbol }));
  assert.deepEqual(series, [{ symbol: "005930" }, { symbol: "000660" }]);
  const body = labRequest(inputs, byId("ma-cross"), series);
  assert.deepEqual(body.params, { fast: 7, slow: "many" });
  assert.equal(body.cash, 1_000_000);
  assert.equal(body.feeRate, 0.00015);
  assert.equal("taxRate" in body, false, "an empty tax leaves the dated rate");
  assert.equal("slippage" in body, false);
  const costly = labRequest({ ...inputs, tax: "0.18", slippage: "2" }, byId("ma-cross"), series);
  assert.equal(costly.taxRate, 0.0018);
  assert.deepEqual(costly.slippage, { kind: "ticks", ticks: 2 });
});

Deno.test("the API's field names map to the lab's inputs", () => {
  assert.equal(labField("body.params.fast"), "p.fast");
  assert.equal(labField("body.feeRate"), "fee");
  assert.equal(labField("body.taxRate"), "tax");
  assert.equal(labField("body.series[1].rows[3].close"), "symbols");
  assert.equal(labField("path.symbol"), "symbols");
  assert.equal(labField("query.from"), "from");
  assert.equal(labField("body.cash"), "cash");
});

Deno.test("a saved run is named by its strategy, parameters and symbols, within the API's 100", () => {
  const inputs = labInputs(
    new URLSearchParams("p.fast=7&symbols=005930,000660"),
    strategies,
    "2026-12-03",
  );
  assert.equal(labRunName(inputs), "ma-cross fast=7 slow=20 · 005930,000660");
  const many = { ...inputs, symbols: Array.from({ length: 30 }, (_, i) => `0${i}0000`).join(",") };
  assert.equal(labRunName(many).length, 100);
});

Deno.test("an unknown strategy stays for the API to name; a date that is not one keeps a default", () => {
  const inputs = labInputs(
    new URLSearchParams("strategy=nope&to=2026-13-45"),
    strategies,
    "2026-12-03",
  );
  assert.equal(inputs.strategy, "nope");
  assert.deepEqual(inputs.params, {});
  assert.deepEqual([inputs.from, inputs.to], ["2025-12-03", "2026-13-45"]);
});
