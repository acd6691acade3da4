import assert from "node:assert/strict";
import { rebalanceConfigSchema } from "../../core/rebalance/mod.ts";

/** The first issue's path and message, as a user would read them. */
function firstIssue(input: unknown): string {
  const result = rebalanceConfigSchema.safeParse(input);
  assert.equal(result.success, false);
  const issue = result.error!.issues[0]!;
  return `${issue.path.join(".")}: ${issue.message}`;
}

Deno.test("the rebalancing settings schema", async (t) => {
  await t.step("fills in the defaults", () => {
    assert.deepEqual(
      rebalanceConfigSchema.parse({ targets: [{ symbol: "005930", weight: 0.5 }] }),
      {
        targets: [{ symbol: "005930", weight: 0.5 }],
        fullyInvested: false,
        minTradeKrw: 0,
        driftBand: 0,
        orderType: "limit",
        useUnsettledSellProceeds: true,
        feeRate: 0.00015,
      },
    );
  });
  await t.step("names the field at fault", () => {
    assert.match(
      firstIssue({ targets: [{ symbol: "5930", weight: 0.5 }] }),
      /^targets\.0\.symbol: symbol must be 6 digits/,
    );
    assert.match(
      firstIssue({ targets: [{ symbol: "005930", weight: 1.5 }] }),
      /^targets\.0\.weight: /,
    );
    assert.match(
      firstIssue({ targets: [{ symbol: "005930", weight: -0.1 }] }),
      /^targets\.0\.weight: /,
    );
    assert.match(
      firstIssue({ targets: [{ symbol: "005930", weight: 0.33333 }] }),
      /^targets\.0\.weight: weight must be a whole number of basis points/,
    );
    assert.match(
      firstIssue({ targets: [], driftBand: 0.125 }),
      /^driftBand: driftBand must be a whole number of basis points/,
    );
    assert.match(firstIssue({ targets: [], minTradeKrw: 10.5 }), /^minTradeKrw: /);
    assert.match(firstIssue({ targets: [], orderType: "stop" }), /^orderType: /);
    assert.match(firstIssue({ targets: [], extra: 1 }), /extra/);
  });
  await t.step("weights add up to at most 1; the rest is cash", () => {
    const ok = rebalanceConfigSchema.safeParse({
      targets: [{ symbol: "005930", weight: 0.6 }, { symbol: "000660", weight: 0.4 }],
    });
    assert.equal(ok.success, true);
    assert.equal(
      firstIssue({
        targets: [{ symbol: "005930", weight: 0.6 }, { symbol: "000660", weight: 0.4001 }],
      }),
      "targets: weights add up to 1.0001; they must add up to at most 1",
    );
  });
  await t.step("fullyInvested needs exactly 1", () => {
    assert.equal(
      firstIssue({ targets: [{ symbol: "005930", weight: 0.9 }], fullyInvested: true }),
      "targets: weights add up to 0.9; fullyInvested needs exactly 1",
    );
    // 0.1 + 0.2 + 0.7 is not 1 in floating point; in basis points it is.
    const sum = rebalanceConfigSchema.safeParse({
      targets: [
        { symbol: "005930", weight: 0.1 },
        { symbol: "000660", weight: 0.2 },
        { symbol: "035720", weight: 0.7 },
      ],
      fullyInvested: true,
    });
    assert.equal(sum.success, true);
  });
  await t.step("a symbol listed twice", () => {
    assert.equal(
      firstIssue({
        targets: [{ symbol: "005930", weight: 0.1 }, { symbol: "005930", weight: 0.2 }],
      }),
      "targets.1.symbol: symbol 005930 is listed twice",
    );
  });
});
