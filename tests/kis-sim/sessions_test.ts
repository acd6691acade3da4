import assert from "node:assert/strict";
import { demoStart, type Simulator } from "../../core/kis-sim/mod.ts";
import { decryptAes } from "../_support/aes.ts";
import { manualSimulator } from "../_support/simulator.ts";
import { type Answer, freshToken, get, kisHeaders, post } from "./plain_kis.ts";
import { approvalKey, Inbox, subscribe } from "./plain_ws.ts";

const SAMSUNG = "005930";
/** Thursday 2026-11-19, the college entrance exam day: KRX trades 10:00–16:30. */
const EXAM_DAY_0930 = new Date("2026-11-19T00:30:00Z");
/** Friday 2026-01-02, the year's first trading day: KRX trades 10:00–15:30. */
const YEAR_OPENING_1100 = new Date("2026-01-02T02:00:00Z");
/** Friday 2026-11-27 19:00 KST: KRX has closed; Nextrade's after-market runs 15:30–20:00. */
const AFTER_MARKET_1900 = new Date("2026-11-27T10:00:00Z");
/** 08:10 KST the same day: Nextrade's pre-market (08:00–08:50); KRX takes orders from 08:30. */
const PRE_MARKET_0810 = new Date("2026-11-26T23:10:00Z");

/** A simulator at `start` with a token and an open WebSocket holding an approval key. */
async function connect(start: Date) {
  const sim = await manualSimulator({ seed: 42, start, rateLimit: false });
  const token = await freshToken(sim);
  const inbox = new Inbox(`${sim.wsUrl}/tryitout`);
  await inbox.opened;
  const key = await approvalKey(sim);
  const close = async () => {
    await inbox.close();
    await sim.close();
  };
  return { sim, token, inbox, key, [Symbol.asyncDispose]: close };
}

/** Registers `trId`/`trKey` and returns the ack's AES key and IV. */
async function register(
  inbox: Inbox,
  key: string,
  trId: string,
  trKey: string,
): Promise<{ key: string; iv: string }> {
  inbox.socket.send(subscribe(key, trId, trKey));
  const ack = JSON.parse(await inbox.next());
  assert.equal(ack.body.msg_cd, "OPSP0000", `${trId} registered`);
  return ack.body.output;
}

/** The records of a plain data frame, `fields` fields each. */
function records(frame: string, fields = 46): string[][] {
  const [, , count, payload] = frame.split("|");
  const all = (payload ?? "").split("^");
  return Array.from({ length: Number(count) }, (_, i) => all.slice(i * fields, (i + 1) * fields));
}

/** The H0STCNT0-layout records of every frame of `trId` among `frames`. */
function trades(frames: readonly string[], trId: string): string[][] {
  return frames.filter((f) => f.startsWith(`0|${trId}|`)).flatMap((f) => records(f));
}

/** inquire-price's output for `code` by market code `J`, `NX` or `UN`. */
async function quote(
  sim: Simulator,
  token: string,
  market: "J" | "NX" | "UN",
): Promise<Record<string, string>> {
  const answer = await get(
    sim,
    "/quotations/inquire-price",
    kisHeaders(sim, token, "FHKST01010100"),
    {
      FID_COND_MRKT_DIV_CODE: market,
      FID_INPUT_ISCD: SAMSUNG,
    },
  );
  return answer.body.output as Record<string, string>;
}

/** The best bid of the book by market code `NX` (one book serves both venues). */
async function bestBid(sim: Simulator, token: string): Promise<number> {
  const headers = kisHeaders(sim, token, "FHKST01010200");
  const answer = await get(sim, "/quotations/inquire-asking-price-exp-ccn", headers, {
    FID_COND_MRKT_DIV_CODE: "NX",
    FID_INPUT_ISCD: SAMSUNG,
  });
  return Number((answer.body.output1 as Record<string, string>).bidp1);
}

/** A limit buy of one share of `code` at `price` sent on `route`. */
function limitBuy(
  sim: Simulator,
  token: string,
  route: "KRX" | "NXT" | "SOR",
  price: number,
  code = SAMSUNG,
): Promise<Answer> {
  return post(sim, "/trading/order-cash", kisHeaders(sim, token, "TTTC0012U"), {
    CANO: "50123456",
    ACNT_PRDT_CD: "01",
    PDNO: code,
    ORD_DVSN: "00",
    ORD_QTY: "1",
    ORD_UNPR: String(price),
    EXCG_ID_DVSN_CD: route,
  });
}

/** The decrypted fill-notice records among `frames`. */
async function notices(
  frames: readonly string[],
  aes: { key: string; iv: string },
): Promise<string[][]> {
  const encrypted = frames.filter((f) => f.startsWith("1|H0STCNI0|"));
  return await Promise.all(
    encrypted.map(async (f) =>
      (await decryptAes(f.split("|")[3] ?? "", aes.key, aes.iv)).split("^")
    ),
  );
}

/** Advances a minute at a time (at most `minutes`) until the order of `odno` has filled. */
function advanceUntilFilled(sim: Simulator, odno: string, minutes: number): void {
  for (let i = 0; i < minutes; i++) {
    sim.clock.advance(60_000);
    if ((sim.market.orders().find((o) => o.odno === odno)?.filledQty ?? 0) > 0) return;
  }
  assert.fail(`order ${odno} did not fill within ${minutes} minutes`);
}

Deno.test("a delayed-opening day has no continuous trades before 10:00 and trades until 16:30 on exam day", async (t) => {
  await using connection = await connect(EXAM_DAY_0930);
  const { sim, token, inbox, key } = connection;
  await register(inbox, key, "H0STCNT0", SAMSUNG);
  await register(inbox, key, "H0UNCNT0", SAMSUNG);

  await t.step("at 09:59:59 neither venue has traded (Nextrade holds no pre-market)", async () => {
    sim.clock.set(new Date("2026-11-19T00:59:59Z"));
    for (const market of ["J", "UN"] as const) {
      const output = await quote(sim, token, market);
      assert.deepEqual([output.stck_oprc, output.acml_vol], ["0", "0"], market);
    }
    assert.equal(sim.market.phase(), "opening_auction");
  });

  await t.step("the first trade on either feed is the 10:00:00 opening auction", async () => {
    sim.clock.set(new Date("2026-11-19T01:00:00Z"));
    const frames = await inbox.upTo((f) => f.startsWith("0|H0UNCNT0|"));
    const opening = trades(frames, "H0STCNT0");
    assert.deepEqual(opening.map((r) => r[1]), ["100000"]);
    assert.deepEqual(trades(frames, "H0UNCNT0"), opening);
    assert.equal((await quote(sim, token, "J")).stck_oprc, opening[0]?.[2]);
  });

  await t.step(
    "continuous trades run to 16:19:55, the closing auction prints at 16:30",
    async () => {
      sim.clock.set(new Date("2026-11-19T07:25:00Z"));
      let frames = 0;
      // a jump streams the newest 30 trades, 10 to a frame
      const continuous = trades(
        await inbox.upTo((f) => f.startsWith("0|H0STCNT0|") && ++frames === 3),
        "H0STCNT0",
      );
      assert.equal(continuous.at(-1)?.[1], "161955");
      assert.equal(sim.market.phase(), "closing_auction");
      sim.clock.set(new Date("2026-11-19T07:30:00Z"));
      const closing = trades(await inbox.upTo((f) => f.startsWith("0|H0STCNT0|")), "H0STCNT0");
      assert.deepEqual(closing.map((r) => [r[1], r[34]]), [["163000", "30"]]);
      assert.equal((await quote(sim, token, "J")).stck_prpr, closing[0]?.[2]);
    },
  );
});

Deno.test("minute bars of a delayed-opening day start at 10:00", async (t) => {
  await using sim = await manualSimulator({ seed: 42, start: YEAR_OPENING_1100, rateLimit: false });
  const token = await freshToken(sim);
  const minuteBars = async (until: string) => {
    const headers = kisHeaders(sim, token, "FHKST03010200");
    const answer = await get(sim, "/quotations/inquire-time-itemchartprice", headers, {
      FID_ETC_CLS_CODE: "",
      FID_COND_MRKT_DIV_CODE: "J",
      FID_INPUT_ISCD: SAMSUNG,
      FID_INPUT_HOUR_1: until,
      FID_PW_DATA_INCU_YN: "N",
    });
    return answer.body.output2 as Record<string, string>[];
  };

  await t.step("up to 10:05 there are six bars, the oldest labelled 100000", async () => {
    const bars = await minuteBars("100500");
    assert.deepEqual(bars.map((b) => b.stck_cntg_hour), [
      "100500",
      "100400",
      "100300",
      "100200",
      "100100",
      "100000",
    ]);
    assert.equal(bars.at(-1)?.stck_oprc, (await quote(sim, token, "J")).stck_oprc);
  });

  await t.step("none before 10:00", async () => {
    assert.deepEqual(await minuteBars("095959"), []);
  });
});

Deno.test("an NXT after-market limit buy at 19:00 fills against the after-market tape and its notice says NXT", async (t) => {
  await using connection = await connect(AFTER_MARKET_1900);
  const { sim, token, inbox, key } = connection;
  const aes = await register(inbox, key, "H0STCNI0", sim.credentials.htsId);
  for (const trId of ["H0STCNT0", "H0NXCNT0", "H0UNCNT0"]) {
    await register(inbox, key, trId, SAMSUNG);
  }
  const krxBefore = await quote(sim, token, "J");
  const nxtBefore = await quote(sim, token, "NX");
  const price = await bestBid(sim, token);
  const placed = await limitBuy(sim, token, "NXT", price);
  const odno = String((placed.body.output as Record<string, string>).ODNO);

  await t.step("the order rests: the best bid does not cross the book's ask", () => {
    assert.equal(placed.body.rt_cd, "0");
    assert.equal(sim.market.orders().find((o) => o.odno === odno)?.remaining, 1);
  });

  advanceUntilFilled(sim, odno, 60);
  let seen = 0;
  const all = await inbox.upTo((f) => f.startsWith("1|H0STCNI0|") && ++seen === 2);
  const [ack, fill] = await notices(all, aes);

  await t.step("the acknowledgement and the fill carry ORD_EXG_GB 2 (NXT)", () => {
    assert.deepEqual([ack?.[13], ack?.[19]], ["1", "2"]);
    assert.deepEqual([fill?.[13], fill?.[19]], ["2", "2"]);
  });

  await t.step("the fill is at the order's price, at a time between 19:00 and 20:00", () => {
    assert.deepEqual([fill?.[9], fill?.[10]], ["1", String(price)]);
    const hour = fill?.[11] ?? "";
    assert.ok(hour >= "190000" && hour < "200000", hour);
  });

  await t.step("Nextrade's and the integrated feeds printed the trade; KRX's stayed silent", () => {
    const nxt = trades(all, "H0NXCNT0");
    assert.ok(nxt.some((r) => r[1] === fill?.[11] && Number(r[2]) <= price));
    assert.deepEqual(trades(all, "H0UNCNT0").map((r) => r[1]), nxt.map((r) => r[1]));
    assert.deepEqual(trades(all, "H0STCNT0"), []);
  });

  await t.step(
    "KRX's quote (J) keeps its close; Nextrade's (NX) counts the after-market",
    async () => {
      const krx = await quote(sim, token, "J");
      const nxt = await quote(sim, token, "NX");
      assert.deepEqual([krx.stck_prpr, krx.acml_vol], [krxBefore.stck_prpr, krxBefore.acml_vol]);
      assert.ok(Number(nxt.acml_vol) > Number(nxtBefore.acml_vol));
    },
  );
});

Deno.test("a KRX-routed order at 19:00 is refused as outside KRX's hours (APBK0918)", async () => {
  await using sim = await manualSimulator({ seed: 42, start: AFTER_MARKET_1900, rateLimit: false });
  const token = await freshToken(sim);
  const answer = await limitBuy(sim, token, "KRX", await bestBid(sim, token));
  assert.deepEqual([answer.body.rt_cd, answer.body.msg_cd], ["1", "APBK0918"]);
  assert.deepEqual(sim.market.orders(), []);
});

Deno.test("a SOR order at 08:10 rests on NXT and fills from the pre-market tape (ORD_EXG_GB 4)", async (t) => {
  await using connection = await connect(PRE_MARKET_0810);
  const { sim, token, inbox, key } = connection;
  const aes = await register(inbox, key, "H0STCNI0", sim.credentials.htsId);
  const price = await bestBid(sim, token);
  const placed = await limitBuy(sim, token, "SOR", price);
  const odno = String((placed.body.output as Record<string, string>).ODNO);

  await t.step("it rests on Nextrade: open, its venue NXT", () => {
    const order = sim.market.orders().find((o) => o.odno === odno);
    assert.deepEqual([order?.venue, order?.remaining], ["NXT", 1]);
  });

  advanceUntilFilled(sim, odno, 39);
  let seen = 0;
  const [ack, fill] = await notices(
    await inbox.upTo((f) => f.startsWith("1|H0STCNI0|") && ++seen === 2),
    aes,
  );
  await t.step("acknowledged and filled before 08:50 at its price, both saying SOR on NXT", () => {
    assert.deepEqual([ack?.[13], ack?.[19]], ["1", "4"]);
    assert.deepEqual([fill?.[13], fill?.[19], fill?.[10]], ["2", "4", String(price)]);
    assert.ok((fill?.[11] ?? "") < "085000", fill?.[11]);
  });
});

Deno.test("Nextrade does not list the ETF: an NXT order for it is refused, a SOR one goes to KRX", async () => {
  await using sim = await manualSimulator({ seed: 42, rateLimit: false });
  const token = await freshToken(sim);
  const etf = sim.market.quote("069500");
  const refused = await limitBuy(sim, token, "NXT", etf.lower, "069500");
  assert.equal(refused.body.msg_cd, "APBK0635");
  const routed = await limitBuy(sim, token, "SOR", etf.lower, "069500");
  assert.equal(routed.body.rt_cd, "0");
  assert.deepEqual(sim.market.orders().map((o) => [o.route, o.venue]), [["SOR", "KRX"]]);
});

Deno.test("the demo starts 30 s after the day's KRX open: 10:00:30 on a delayed-opening day", () => {
  const kst = (iso: string) => new Date(`${iso}+09:00`);
  assert.deepEqual(demoStart(kst("2026-01-02T08:00:00")), kst("2026-01-02T10:00:30"));
  assert.deepEqual(demoStart(kst("2026-11-27T07:00:00")), kst("2026-11-27T09:00:30"));
  const open = kst("2026-11-19T16:10:00");
  assert.equal(demoStart(open), open, "16:10 on the exam day is in the continuous session");
});
