import assert from "node:assert/strict";
import { type Simulator, startSimulator } from "../../core/kis-sim/mod.ts";
import { SteppedClock } from "../_support/clocks.ts";
import { type Answer, get, kisHeaders, post, tokenP } from "./plain_kis.ts";
import { approvalKey, Inbox, subscribe } from "./plain_ws.ts";

const SAMSUNG = "005930";

/** A KST wall-clock time as an instant. */
const kst = (iso: string) => new Date(`${iso}+09:00`);

/**
 * A demo-clock simulator whose wall clock is `wall` (tests move it instead of sleeping), with a
 * token (and its `access_token_token_expired`) and a WebSocket registered for Samsung's KRX trades.
 */
async function demo(wall: SteppedClock, clock: { start?: Date; speed?: number } = {}) {
  const sim = await startSimulator({
    seed: 42,
    clock: { mode: "demo", ...clock },
    wallClock: () => wall.now(),
    pingIntervalMs: 0,
    rateLimit: false,
    historyDays: 60,
  });
  const issued = await tokenP(sim);
  assert.equal(issued.status, 200);
  const token = String(issued.body.access_token);
  const inbox = new Inbox(`${sim.wsUrl}/tryitout`);
  await inbox.opened;
  inbox.socket.send(subscribe(await approvalKey(sim), "H0STCNT0", SAMSUNG));
  assert.equal(JSON.parse(await inbox.next()).body.msg_cd, "OPSP0000");
  const close = async () => {
    await inbox.close();
    await sim.close();
  };
  const tokenExpiry = String(issued.body.access_token_token_expired);
  return { sim, token, tokenExpiry, inbox, [Symbol.asyncDispose]: close };
}

/** The trade times (`HHMMSS`) of the H0STCNT0 frames up to the first one that has `time`. */
async function tradeTimesUpTo(inbox: Inbox, time: string): Promise<string[]> {
  const times: string[] = [];
  await inbox.upTo((frame) => {
    if (!frame.startsWith("0|H0STCNT0|")) return false;
    const [, , count, payload] = frame.split("|");
    const fields = (payload ?? "").split("^");
    for (let i = 0; i < Number(count); i++) times.push(fields[i * 46 + 1] ?? "");
    return times.includes(time);
  });
  return times;
}

/** A one-share order of Samsung: market (`01`) or limit (`00`) at `price`. */
function buy(sim: Simulator, token: string, type: "00" | "01", price = 0): Promise<Answer> {
  return post(sim, "/trading/order-cash", kisHeaders(sim, token, "TTTC0012U"), {
    CANO: "50123456",
    ACNT_PRDT_CD: "01",
    PDNO: SAMSUNG,
    ORD_DVSN: type,
    ORD_QTY: "1",
    ORD_UNPR: String(price),
    EXCG_ID_DVSN_CD: "KRX",
  });
}

Deno.test("a demo started at 03:00 KST on a Sunday is in continuous trading and streams trades within seconds", async (t) => {
  const wall = new SteppedClock(kst("2026-11-29T03:00:00").getTime());
  await using session = await demo(wall);
  const { sim, inbox } = session;

  await t.step("the market replays Friday from its 09:00 open and says it is simulated", () => {
    assert.equal(sim.market.phase(), "continuous");
    const status = sim.status();
    assert.deepEqual([status.mode, status.speed, status.label], ["demo", 1, "모의 시장"]);
    assert.equal(status.caption, "모의 시장 · 시뮬레이션 시각 2026-11-27 09:00:00 KST");
  });

  await t.step(
    "the token's expiry is a day after the wall clock, not after the market's time",
    () => {
      assert.equal(session.tokenExpiry, "2026-11-30 03:00:00");
    },
  );

  await t.step(
    "ten wall seconds later the feed has printed the 09:00:05 and 09:00:10 trades",
    async () => {
      wall.time += 10_000;
      const times = await tradeTimesUpTo(inbox, "090010");
      assert.deepEqual(times, ["090005", "090010"]);
    },
  );
});

Deno.test("a demo at 30× replays 30 simulated seconds per wall second", async () => {
  const wall = new SteppedClock(kst("2026-11-29T03:00:00").getTime());
  await using session = await demo(wall, { speed: 30 });
  wall.time += 1_000;
  const times = await tradeTimesUpTo(session.inbox, "090030");
  assert.deepEqual(times, ["090005", "090010", "090015", "090020", "090025", "090030"]);
  assert.deepEqual(session.sim.clock.now(), kst("2026-11-27T09:00:30"));
});

Deno.test("a market order placed on the demo clock fills at once", async () => {
  const wall = new SteppedClock(kst("2026-11-29T03:00:00").getTime());
  await using session = await demo(wall);
  const { sim, token } = session;
  wall.time += 60_000;
  const answer = await buy(sim, token, "01");
  assert.equal(answer.body.rt_cd, "0", JSON.stringify(answer.body));
  assert.equal((answer.body.output as Record<string, string>).ORD_TMD, "090100");
  const [order] = sim.market.orders();
  assert.deepEqual([order?.date, order?.filledQty, order?.remaining], ["2026-11-27", 1, 0]);
  assert.deepEqual(sim.market.account().holdings.map((h) => [h.code, h.qty]), [[SAMSUNG, 1]]);
});

Deno.test("at the end of the replay window the demo rolls to the next trading day's open", async (t) => {
  const wall = new SteppedClock(kst("2026-12-24T20:00:00").getTime());
  await using session = await demo(wall, { start: kst("2026-12-24T15:19:30") });
  const { sim, token } = session;
  const lower = sim.market.quote(SAMSUNG).lower;
  const resting = await buy(sim, token, "00", lower);
  assert.equal(resting.body.rt_cd, "0", JSON.stringify(resting.body));
  wall.time += 60_000;

  await t.step("Thursday 15:20 becomes Monday 09:00, past Christmas and the weekend", () => {
    assert.deepEqual(sim.clock.now(), kst("2026-12-28T09:00:30"));
    assert.equal(sim.market.phase(), "continuous");
  });

  await t.step(
    "the new base price is Thursday's close (the same wall-clock token still works)",
    async () => {
      const headers = kisHeaders(sim, token, "FHKST01010400");
      const daily = await get(sim, "/quotations/inquire-daily-price", headers, {
        FID_COND_MRKT_DIV_CODE: "J",
        FID_INPUT_ISCD: SAMSUNG,
        FID_PERIOD_DIV_CODE: "D",
        FID_ORG_ADJ_PRC: "0",
      });
      const rows = daily.body.output as Record<string, string>[];
      assert.deepEqual(rows.slice(0, 2).map((r) => r.stck_bsop_date), ["20261228", "20261224"]);
      const price = await get(
        sim,
        "/quotations/inquire-price",
        kisHeaders(sim, token, "FHKST01010100"),
        {
          FID_COND_MRKT_DIV_CODE: "J",
          FID_INPUT_ISCD: SAMSUNG,
        },
      );
      const output = price.body.output as Record<string, string>;
      assert.equal(output.stck_sdpr, rows[1]?.stck_clpr);
    },
  );

  await t.step("Thursday's open limit order expired with the day", () => {
    const [order] = sim.market.orders();
    assert.deepEqual([order?.date, order?.filledQty, order?.remaining, order?.cancelledQty], [
      "2026-12-24",
      0,
      0,
      1,
    ]);
  });
});

Deno.test("a demo fill settles two trading days later, across the demo's day rolls", async (t) => {
  const wall = new SteppedClock(kst("2026-12-24T20:00:00").getTime());
  await using session = await demo(wall, { start: kst("2026-12-24T15:19:30") });
  const { sim, token } = session;
  const cash = sim.market.account().cash;
  assert.equal((await buy(sim, token, "01")).body.rt_cd, "0");
  const cost = -sim.market.account().unsettled;
  assert.ok(cost > sim.market.price(SAMSUNG) / 2, `the buy owes ${cost} won`);
  const dayOfReplay = (6 * 60 + 20) * 60_000;

  await t.step("bought Thursday: still unsettled on Monday", () => {
    wall.time += 60_000;
    assert.equal(sim.status().caption, "모의 시장 · 시뮬레이션 시각 2026-12-28 09:00:30 KST");
    assert.deepEqual([sim.market.account().cash, sim.market.account().unsettled], [cash, -cost]);
  });

  await t.step("settled on Tuesday, D+2 past the Christmas holiday", () => {
    wall.time += dayOfReplay;
    assert.equal(sim.status().caption, "모의 시장 · 시뮬레이션 시각 2026-12-29 09:00:30 KST");
    assert.deepEqual([sim.market.account().cash, sim.market.account().unsettled], [cash - cost, 0]);
  });
});
