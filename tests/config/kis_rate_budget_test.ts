import assert from "node:assert/strict";
import { parseRateBudgetEnv } from "@/core/config/kis_rate_budget.ts";

Deno.test("parseRateBudgetEnv() leaves the choice to the runtime when KIS_RATE_BUDGET is unset or empty", () => {
  assert.equal(parseRateBudgetEnv({}), undefined);
  assert.equal(parseRateBudgetEnv({ KIS_RATE_BUDGET: "" }), undefined);
});

Deno.test("parseRateBudgetEnv() reads shared and leased", () => {
  assert.equal(parseRateBudgetEnv({ KIS_RATE_BUDGET: "shared" }), "shared");
  assert.equal(parseRateBudgetEnv({ KIS_RATE_BUDGET: "leased" }), "leased");
});

Deno.test("parseRateBudgetEnv() names the variable and its values for anything else", () => {
  assert.throws(
    () => parseRateBudgetEnv({ KIS_RATE_BUDGET: "Leased" }),
    /KIS_RATE_BUDGET must be shared or leased/,
  );
});
