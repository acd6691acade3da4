import assert from "node:assert/strict";
import { fillCosts, parseIsoDate } from "../../core/krx/mod.ts";
import type { Simulator } from "../../core/kis-sim/mod.ts";
import { manualSimulator, OPEN_SESSION } from "../_support/simulator.ts";
import { dailyCcldQuery, freshToken, get, kisHeaders, post } from "./plain_kis.ts";

const SEED = 5;
const TODAY = parseIsoDate("2026-11-27");

/** The best ask of `code` and its quantity, from inquire-asking-price-exp-ccn. */
async function bestAsk(sim: Simulator, token: string, code: string) {
  const answer = await get(
    sim,
    "/quotations/inquire-asking-price-exp-ccn",
    kisHeaders(sim, token, "FHKST01010200"),
    { FID_COND_MRKT_DIV_CODE: "J", FID_INPUT_ISCD: code },
  );
  const book = answer.body.output1 as Record<string, string>;
  return { price: Number(book.askp1), qty: Number(book.askp_rsqn1) };
}

Deno.test("the simulator reserves a buy with KRX's exact fee: cash equal to the reservation ends at 0 won, never -1", async (t) => {
  // Find, in a first simulator, a quantity at the best ask whose commission the floating-point
  // product value × 0.00015 truncates one won too low (e.g. 100,000 won × 0.00015 = 14.999…).
  let ask = { price: 0, qty: 0 };
  let qty = 0;
  {
    await using probe = await manualSimulator({ seed: SEED });
    ask = await bestAsk(probe, await freshToken(probe), "005930");
    for (let q = 1; q <= ask.qty && qty === 0; q++) {
      const exact = fillCosts({
        side: "buy",
        price: ask.price,
        qty: q,
        date: TODAY,
        market: "KOSPI",
      });
      if (Math.floor(ask.price * q * 0.00015) !== exact.fee) qty = q;
    }
  }
  assert.ok(qty > 0, `no quantity up to ${ask.qty} at ${ask.price} shows the rounding trap`);
  const value = ask.price * qty;
  const fee = fillCosts({ side: "buy", price: ask.price, qty, date: TODAY, market: "KOSPI" }).fee;

  const order = (sim: Simulator) => ({
    CANO: sim.credentials.account.slice(0, 8),
    ACNT_PRDT_CD: sim.credentials.account.slice(9),
    PDNO: "005930",
    ORD_DVSN: "00",
    ORD_QTY: String(qty),
    ORD_UNPR: String(ask.price),
    EXCG_ID_DVSN_CD: "KRX",
  });

  await t.step(
    "one won short of value + exact fee, the buy is refused and nothing moves",
    async () => {
      await using sim = await manualSimulator({ seed: SEED, cash: value + fee - 1 });
      const token = await freshToken(sim);
      assert.deepEqual(await bestAsk(sim, token, "005930"), ask);
      const buy = kisHeaders(sim, token, "TTTC0012U");
      const answer = await post(sim, "/trading/order-cash", buy, order(sim));
      assert.equal(answer.body.msg_cd, "APBK0952");
      assert.equal(sim.market.account().cash, value + fee - 1);
      assert.deepEqual(sim.market.account().holdings, []);
    },
  );

  await t.step(
    "with exactly value + fee, the buy fills and the account ends at 0 won",
    async () => {
      await using sim = await manualSimulator({ seed: SEED, cash: value + fee });
      const token = await freshToken(sim);
      const buy = kisHeaders(sim, token, "TTTC0012U");
      const answer = await post(sim, "/trading/order-cash", buy, order(sim));
      assert.equal(answer.body.rt_cd, "0", String(answer.body.msg1));
      assert.equal(sim.market.orders()[0]?.filledQty, qty);
      assert.equal(sim.market.account().orderableCash, 0);
      // four days later (two trading days and a weekend) the purchase has settled (D+2)
      sim.clock.set(new Date(OPEN_SESSION.getTime() + 4 * 86_400_000));
      assert.equal(sim.market.account().cash, 0);
    },
  );
});

Deno.test("daily-ccld's estimated costs are KRX's fee and sell tax of each fill, truncated to the won", async () => {
  await using sim = await manualSimulator({ seed: SEED, rateLimit: false });
  sim.market.seedFills(sim.credentials.account, 30);
  const token = await freshToken(sim);
  const answer = await get(
    sim,
    "/trading/inquire-daily-ccld",
    kisHeaders(sim, token, "TTTC0081R"),
    {
      ...dailyCcldQuery(sim.credentials.account, "20261001", "20261127"),
      EXCG_ID_DVSN_CD: "KRX",
    },
  );
  assert.equal(answer.body.rt_cd, "0", String(answer.body.msg1));
  const expected = sim.market.orders().flatMap((o) =>
    o.fills.map((fill) => {
      const costs = fillCosts({
        side: o.side,
        price: fill.price,
        qty: fill.qty,
        date: o.date,
        market: o.symbol.market,
        instrument: o.symbol.kind,
      });
      return costs.fee + costs.tax;
    })
  ).reduce((sum, won) => sum + won, 0);
  assert.ok(sim.market.orders().some((o) => o.side === "sell"), "the journal has sells");
  assert.equal((answer.body.output2 as Record<string, string>).prsm_tlex_smtl, String(expected));
});
