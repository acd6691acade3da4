import assert from "node:assert/strict";
import { parseIsoDate } from "../../core/krx/mod.ts";
import { SimAccount } from "../../core/kis-sim/accounts.ts";

const d = parseIsoDate;

Deno.test("buys and sells move holdings at once and cash on the settlement date", async (t) => {
  const account = new SimAccount("50123456-01", "hts01", "테스트", 10_000_000);
  // 10 × 70,000 = 700,000; fee 0.015 % = 105
  account.applyBuy("005930", 70_000, 10, 105, d("2026-12-01"));

  await t.step("holding and average cost exclude the fee", () => {
    const holding = account.holdings.get("005930");
    assert.equal(holding?.qty, 10);
    assert.equal(holding?.cost, 700_000);
  });

  await t.step("nothing settles before D+2", () => {
    account.beginDay(d("2026-11-30"));
    assert.equal(account.deposit, 10_000_000);
    assert.equal(account.pendingNet(), -700_105);
  });

  await t.step("the payment settles on D+2", () => {
    account.beginDay(d("2026-12-01"));
    assert.equal(account.deposit, 9_299_895);
    assert.equal(account.pendingNet(), 0);
  });

  await t.step("a partial sale keeps the average cost of what remains", () => {
    // 4 × 72,000 = 288,000; fee 43 (43.2 truncated); tax 0.20 % = 576
    account.applySell("005930", 72_000, 4, { fee: 43, tax: 576 }, d("2026-12-03"));
    const holding = account.holdings.get("005930");
    assert.equal(holding?.qty, 6);
    assert.equal(holding?.cost, 420_000);
    assert.equal(account.pendingNet(d("2026-12-02")), 0);
    assert.equal(account.pendingNet(d("2026-12-03")), 287_381);
  });

  await t.step("selling more than held throws", () => {
    assert.throws(
      () => account.applySell("005930", 72_000, 7, { fee: 0, tax: 0 }, d("2026-12-03")),
      RangeError,
    );
  });
});

Deno.test("a malformed account number is refused", () => {
  assert.throws(() => new SimAccount("5012345601", "hts", "x", 0), /12345678-01/);
});
