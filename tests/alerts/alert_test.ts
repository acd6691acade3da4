import assert from "node:assert/strict";
import {
  alertSchema,
  AlertValidationError,
  createAlert,
  disableAlert,
  enableAlert,
  markTriggered,
  raiseHighWaterMark,
  resolveRule,
  updateAlert,
} from "../../core/alerts/mod.ts";
import { alertFor } from "./_make.ts";

function issuePaths(run: () => unknown): string[] {
  try {
    run();
  } catch (e) {
    assert.ok(e instanceof AlertValidationError, String(e));
    return e.issues.map((i) => i.path);
  }
  assert.fail("expected an AlertValidationError");
}

Deno.test("percentage triggers resolve from the average cost, rounded to whole won away from it", async (t) => {
  await t.step("stop-loss rounds down: 71,234 × 0.95 = 67,672.3 → 67,672", () => {
    const rule = resolveRule(
      { kind: "stop_loss", trigger: { basis: "average_cost", percent: 5 } },
      { averageCost: 71_234 },
    );
    assert.deepEqual(rule, {
      kind: "stop_loss",
      trigger: { basis: "average_cost", percent: 5, averageCost: 71_234 },
      triggerPrice: 67_672,
    });
  });
  await t.step("take-profit rounds up: 71,234 × 1.05 = 74,795.7 → 74,796", () => {
    const rule = resolveRule(
      { kind: "take_profit", trigger: { basis: "average_cost", percent: 5 } },
      { averageCost: 71_234 },
    );
    assert.equal(rule.kind === "take_profit" && rule.triggerPrice, 74_796);
  });
  await t.step("an exact product is not pushed a won away by floating point", () => {
    const stop = resolveRule(
      { kind: "stop_loss", trigger: { basis: "average_cost", percent: 5 } },
      { averageCost: 70_000 },
    );
    assert.equal(stop.kind === "stop_loss" && stop.triggerPrice, 66_500);
    // 1,000,000 / 7 × 1.05 is exactly 150,000; in doubles it is 150,000.00000000003
    const target = resolveRule(
      { kind: "take_profit", trigger: { basis: "average_cost", percent: 5 } },
      { averageCost: 1_000_000 / 7 },
    );
    assert.equal(target.kind === "take_profit" && target.triggerPrice, 150_000);
  });
  await t.step("a fractional average cost", () => {
    const stop = resolveRule(
      { kind: "stop_loss", trigger: { basis: "average_cost", percent: 10 } },
      { averageCost: 10_000.5 },
    );
    assert.equal(stop.kind === "stop_loss" && stop.triggerPrice, 9_000); // 9,000.45
  });
  await t.step("an absolute price is kept as given", () => {
    const rule = resolveRule({ kind: "stop_loss", trigger: { basis: "price", price: 65_000 } }, {});
    assert.equal(rule.kind === "stop_loss" && rule.triggerPrice, 65_000);
  });
  await t.step("a percentage without the average cost is refused, naming the field", () => {
    assert.deepEqual(
      issuePaths(() =>
        resolveRule({ kind: "stop_loss", trigger: { basis: "average_cost", percent: 5 } }, {})
      ),
      ["rule.trigger.percent"],
    );
  });
});

Deno.test("invalid input is refused with messages naming each field", async (t) => {
  const cases: [string, unknown, string[]][] = [
    ["zero price", { kind: "price_above", price: 0 }, ["rule.price"]],
    ["fractional price", { kind: "price_below", price: 100.5 }, ["rule.price"]],
    ["stop-loss of 100 %", {
      kind: "stop_loss",
      trigger: { basis: "average_cost", percent: 100 },
    }, ["rule.trigger.percent"]],
    ["take-profit above 1000 %", {
      kind: "take_profit",
      trigger: { basis: "average_cost", percent: 1000.01 },
    }, ["rule.trigger.percent"]],
    ["percent finer than 0.01", {
      kind: "trailing_stop",
      trail: { unit: "percent", percent: 1.005 },
    }, ["rule.trail.percent"]],
    ["negative trail", { kind: "trailing_stop", trail: { unit: "krw", amount: -1 } }, [
      "rule.trail.amount",
    ]],
    ["unknown kind", { kind: "price_near", price: 1 }, ["rule.kind"]],
  ];
  for (const [name, rule, paths] of cases) {
    await t.step(name, () => {
      assert.deepEqual(issuePaths(() => resolveRule(rule as never, { averageCost: 1_000 })), paths);
    });
  }
  await t.step("draft fields: symbol, account, action shares", () => {
    const paths = issuePaths(() =>
      createAlert({
        account: "",
        symbol: "5930",
        rule: { kind: "price_above", price: 1 },
        action: { kind: "notify_and_exit", quantity: { kind: "shares", shares: 0 } },
      }, { id: "x", now: 0 })
    );
    assert.deepEqual(paths.sort(), ["account", "action.quantity.shares", "symbol"]);
  });
  await t.step("the message reads path: reason", () => {
    assert.throws(
      () => resolveRule({ kind: "price_above", price: 0 }, {}),
      /^AlertValidationError: rule\.price: must be above 0 won$/,
    );
  });
  await t.step("a percentage that resolves to 0 won is refused", () => {
    assert.deepEqual(
      issuePaths(() =>
        resolveRule({ kind: "stop_loss", trigger: { basis: "average_cost", percent: 50 } }, {
          averageCost: 1,
        })
      ),
      ["rule.trigger.percent"],
    );
  });
  await t.step("a fractional last price is named", () => {
    assert.deepEqual(
      issuePaths(() =>
        resolveRule({ kind: "trailing_stop", trail: { unit: "krw", amount: 5 } }, {
          lastPrice: 10.5,
        })
      ),
      ["lastPrice"],
    );
  });
  await t.step("a bad average cost is named", () => {
    assert.deepEqual(
      issuePaths(() => resolveRule({ kind: "price_above", price: 1 }, { averageCost: -5 })),
      ["averageCost"],
    );
  });
});

Deno.test("createAlert builds an active alert that the stored-alert schema accepts", () => {
  const alert = createAlert({
    account: "acct-1",
    symbol: "005930",
    rule: { kind: "trailing_stop", trail: { unit: "percent", percent: 7.5 } },
    action: { kind: "notify_and_exit", quantity: { kind: "all" } },
  }, { id: "t1", now: 5_000, lastPrice: 72_000 });
  assert.deepEqual(alert.state, { status: "active" });
  assert.equal(alert.rule.kind === "trailing_stop" && alert.rule.highWaterMark, 72_000);
  assert.equal(alert.createdAt, 5_000);
  assert.deepEqual(alertSchema.parse(structuredClone(alert)), alert);
  const notifyOnly = createAlert(
    { account: "a", symbol: "005930", rule: { kind: "price_above", price: 1 } },
    { id: "t2", now: 0 },
  );
  assert.deepEqual(notifyOnly.action, { kind: "notify" }, "notify is the default action");
});

Deno.test("state moves active → triggered once; disabled and back; triggered is final", () => {
  const alert = alertFor({ kind: "price_above", price: 80_000 });
  const fired = markTriggered(alert, 80_100, 9_000);
  assert.deepEqual(fired.state, { status: "triggered", price: 80_100, at: 9_000 });
  assert.equal(fired.updatedAt, 9_000);
  assert.throws(() => markTriggered(fired, 80_200, 9_001), AlertValidationError);
  assert.throws(() => enableAlert(fired, 9_002), AlertValidationError);
  assert.throws(() => disableAlert(fired, 9_002), AlertValidationError);
  assert.throws(() => updateAlert(fired, { action: { kind: "notify" } }, { now: 1 }));
  const disabled = disableAlert(alert, 2_000);
  assert.deepEqual(disabled.state, { status: "disabled" });
  assert.throws(() => markTriggered(disabled, 1, 1), AlertValidationError);
  assert.deepEqual(enableAlert(disabled, 3_000).state, { status: "active" });
});

Deno.test("updateAlert re-resolves against the position now; a trailing stop keeps its high", () => {
  const stop = alertFor(
    { kind: "stop_loss", trigger: { basis: "average_cost", percent: 10 } },
    { averageCost: 50_000 },
  );
  const moved = updateAlert(
    stop,
    { rule: { kind: "stop_loss", trigger: { basis: "average_cost", percent: 10 } } },
    { now: 7_000, averageCost: 60_000 },
  );
  assert.equal(moved.rule.kind === "stop_loss" && moved.rule.triggerPrice, 54_000);
  assert.equal(moved.updatedAt, 7_000);
  assert.equal(moved.createdAt, stop.createdAt);

  const trailing = raiseHighWaterMark(
    alertFor({ kind: "trailing_stop", trail: { unit: "krw", amount: 1_000 } }, {
      lastPrice: 10_000,
    }),
    12_000,
  );
  const retrailed = updateAlert(
    trailing,
    { rule: { kind: "trailing_stop", trail: { unit: "percent", percent: 5 } } },
    { now: 8_000, lastPrice: 11_000 },
  );
  assert.equal(retrailed.rule.kind === "trailing_stop" && retrailed.rule.highWaterMark, 12_000);
});

Deno.test("raiseHighWaterMark only moves the mark up", () => {
  const alert = alertFor(
    { kind: "trailing_stop", trail: { unit: "percent", percent: 5 } },
    { lastPrice: 10_000 },
  );
  const mark = (a: typeof alert) => a.rule.kind === "trailing_stop" && a.rule.highWaterMark;
  assert.equal(mark(raiseHighWaterMark(alert, 9_000)), 10_000);
  assert.equal(mark(raiseHighWaterMark(alert, 10_500)), 10_500);
  const unset = alertFor({ kind: "trailing_stop", trail: { unit: "percent", percent: 5 } });
  assert.equal(mark(unset), null);
  assert.equal(mark(raiseHighWaterMark(unset, 5)), 5);
});
