import assert from "node:assert/strict";
import {
  getStrategy,
  isStrategyId,
  parseStrategyParams,
  STRATEGIES,
  StrategyParamsError,
} from "../../core/strategies/mod.ts";

function messageOf(id: string, raw: unknown): string {
  try {
    parseStrategyParams(id, raw);
  } catch (error) {
    assert.ok(error instanceof StrategyParamsError);
    return error.message;
  }
  throw new Error("expected a StrategyParamsError");
}

Deno.test("the registry holds the four strategies under their ids", () => {
  assert.deepEqual(Object.keys(STRATEGIES).sort(), ["bollinger", "composite", "ma-cross", "rsi"]);
  for (const [id, strategy] of Object.entries(STRATEGIES)) {
    assert.equal(strategy.id, id);
    assert.ok(strategy.name.ko.length > 0 && strategy.name.en.length > 0);
    assert.equal(getStrategy(id), strategy);
  }
  assert.equal(isStrategyId("macd"), false);
});

Deno.test("parameter errors name the parameter and its bounds", async (t) => {
  await t.step("out of bounds", () => {
    const message = messageOf("ma-cross", { fast: 0, slow: 20 });
    assert.match(message, /ma-cross parameter "fast" must be an integer from 1 to 250 \(got 0\)/);
  });
  await t.step("not an integer", () => {
    assert.match(messageOf("rsi", { period: 2.5 }), /"period" must be an integer/);
  });
  await t.step("wrong type", () => {
    assert.match(messageOf("rsi", { lower: "low" }), /"lower" must be a number \(got "low"\)/);
  });
  await t.step("fast must be below slow", () => {
    assert.match(messageOf("ma-cross", { fast: 20, slow: 10 }), /"fast" must be less than "slow"/);
  });
  await t.step("unknown parameter lists the known ones", () => {
    assert.match(
      messageOf("rsi", { window: 3 }),
      /unknown parameter "window" \(known: period, lower, upper\)/,
    );
  });
  await t.step("enum values are listed", () => {
    assert.match(
      messageOf("bollinger", { exit: "lower" }),
      /"exit" must be one of "middle", "upper"/,
    );
  });
  await t.step("nested member parameters carry their path", () => {
    const message = messageOf("composite", { members: [{ id: "rsi", params: { period: 1 } }] });
    assert.match(
      message,
      /"members\[0\]\.params\.period" must be an integer from 2 to 250 \(got 1\)/,
    );
  });
  await t.step("an unknown member strategy", () => {
    assert.match(messageOf("composite", { members: [{ id: "macd" }] }), /"members\[0\]\.id"/);
  });
  await t.step("every problem is reported", () => {
    const message = messageOf("rsi", { period: 0, upper: 101 });
    assert.match(message, /"period"/);
    assert.match(message, /"upper" must be a number from 0 to 100 \(got 101\)/);
  });
  await t.step("an unknown strategy lists the known ones", () => {
    assert.match(
      messageOf("macd", {}),
      /unknown strategy "macd" \(known: ma-cross, rsi, bollinger, composite\)/,
    );
  });
});
