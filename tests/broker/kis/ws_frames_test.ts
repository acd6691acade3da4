import assert from "node:assert/strict";
import { encryptAes } from "../../_support/aes.ts";
import {
  decryptPayload,
  parseFrame,
  splitRecords,
  subscriptionMessage,
} from "../../../core/broker/kis/ws_frames.ts";
import {
  toOrderBookTick,
  toOrderNotice,
  toTradeTick,
} from "../../../core/broker/kis/ws_records.ts";

/** A H0STCNT0 record of 46 fields with the ones the client reads set. */
function tradeFields(code: string, time: string, price: number, quantity: number): string[] {
  const fields = Array.from({ length: 46 }, () => "0");
  fields[0] = code;
  fields[1] = time;
  fields[2] = String(price);
  fields[3] = "2";
  fields[4] = "300";
  fields[7] = "70000";
  fields[8] = String(price + 100);
  fields[9] = "69900";
  fields[10] = String(price + 100);
  fields[11] = String(price);
  fields[12] = String(quantity);
  fields[13] = "123456";
  fields[14] = "8641920000";
  return fields;
}

/** A H0STCNI0 record of 26 fields: a fill of 3 of 10 shares at 71,200 won. */
function fillNoticeFields(): string[] {
  const fields = Array.from({ length: 26 }, () => "");
  fields[0] = "hts_user";
  fields[1] = "5012345601";
  fields[2] = "0000012345";
  fields[3] = "";
  fields[4] = "02";
  fields[5] = "0";
  fields[6] = "00";
  fields[7] = "0";
  fields[8] = "005930";
  fields[9] = "3";
  fields[10] = "71200";
  fields[11] = "093015";
  fields[12] = "0";
  fields[13] = "2";
  fields[14] = "2";
  fields[16] = "10";
  fields[24] = "삼성전자";
  fields[25] = "71200";
  return fields;
}

Deno.test("a single-record trade frame parses into one trade", () => {
  const frame = parseFrame(
    `0|H0STCNT0|001|${tradeFields("005930", "093001", 71200, 15).join("^")}`,
  );
  assert.equal(frame.kind, "data");
  if (frame.kind !== "data") return;
  assert.equal(frame.encrypted, false);
  assert.equal(frame.trId, "H0STCNT0");
  assert.equal(frame.count, 1);
  const records = splitRecords(frame.payload, frame.count, 46);
  assert.equal(records.length, 1);
  const tick = toTradeTick(records[0]!);
  assert.deepEqual(tick, {
    type: "trade",
    symbol: "005930",
    time: "09:30:01",
    price: 71200,
    change: 300,
    direction: "up",
    open: 70000,
    high: 71300,
    low: 69900,
    ask: 71300,
    bid: 71200,
    quantity: 15,
    cumulativeVolume: 123456,
    cumulativeValue: 8641920000,
  });
});

Deno.test("a frame with count 4 splits into four records in order", () => {
  const records = [
    tradeFields("005930", "093001", 71200, 1),
    tradeFields("005930", "093001", 71300, 2),
    tradeFields("005930", "093002", 71200, 3),
    tradeFields("005930", "093003", 71100, 4),
  ];
  const frame = parseFrame(`0|H0STCNT0|004|${records.map((r) => r.join("^")).join("^")}`);
  assert.equal(frame.kind, "data");
  if (frame.kind !== "data") return;
  const ticks = splitRecords(frame.payload, frame.count, 46).map(toTradeTick);
  assert.deepEqual(ticks.map((t) => [t.price, t.quantity, t.time]), [
    [71200, 1, "09:30:01"],
    [71300, 2, "09:30:01"],
    [71200, 3, "09:30:02"],
    [71100, 4, "09:30:03"],
  ]);
});

Deno.test("records with extra trailing fields still split and parse", () => {
  const grown = [...tradeFields("000660", "100000", 180500, 7), "X", "Y"];
  const twice = [...grown, ...grown].join("^");
  const records = splitRecords(twice, 2, 46);
  assert.equal(records.length, 2);
  assert.equal(records[1]!.length, 48);
  assert.equal(toTradeTick(records[1]!).price, 180500);
});

Deno.test("a payload that cannot hold count records is refused with a clear error", () => {
  const short = tradeFields("005930", "093001", 71200, 1).slice(0, 40).join("^");
  assert.throws(() => splitRecords(short, 1, 46), /at least 46 per record/);
  const uneven = [...tradeFields("005930", "093001", 71200, 1), "extra"].join("^");
  assert.throws(() => splitRecords(uneven, 2, 46), /multiple of 2/);
});

Deno.test("an order book record maps ten levels per side", () => {
  const fields = Array.from({ length: 59 }, () => "0");
  fields[0] = "035420";
  fields[1] = "101500";
  for (let level = 0; level < 10; level++) {
    fields[3 + level] = String(200500 + level * 500);
    fields[13 + level] = String(200000 - level * 500);
    fields[23 + level] = String(10 + level);
    fields[33 + level] = String(20 + level);
  }
  fields[43] = "145";
  fields[44] = "245";
  const book = toOrderBookTick(fields);
  assert.equal(book.symbol, "035420");
  assert.equal(book.time, "10:15:00");
  assert.deepEqual(book.asks[0], { price: 200500, quantity: 10 });
  assert.deepEqual(book.asks[9], { price: 205000, quantity: 19 });
  assert.deepEqual(book.bids[0], { price: 200000, quantity: 20 });
  assert.deepEqual(book.bids[9], { price: 195500, quantity: 29 });
  assert.equal(book.totalAskQuantity, 145);
  assert.equal(book.totalBidQuantity, 245);
});

Deno.test("a subscribe ack yields the AES key and iv of its TR", () => {
  const key = "abcdefghijklmnopqrstuvwxyz012345";
  const iv = "0123456789abcdef";
  const frame = parseFrame(JSON.stringify({
    header: { tr_id: "H0STCNI0", tr_key: "hts_user", encrypt: "N" },
    body: { rt_cd: "0", msg_cd: "OPSP0000", msg1: "SUBSCRIBE SUCCESS", output: { iv, key } },
  }));
  assert.deepEqual(frame, {
    kind: "ack",
    trId: "H0STCNI0",
    trKey: "hts_user",
    rtCd: "0",
    msgCd: "OPSP0000",
    msg1: "SUBSCRIBE SUCCESS",
    cipher: { key, iv },
  });
});

Deno.test("an ALREADY IN SUBSCRIBE ack parses without a cipher", () => {
  const frame = parseFrame(
    '{"header":{"tr_id":"H0STCNT0","tr_key":"005930","encrypt":"N"},' +
      '"body":{"rt_cd":"1","msg_cd":"OPSP0002","msg1":"ALREADY IN SUBSCRIBE"}}',
  );
  assert.equal(frame.kind, "ack");
  if (frame.kind !== "ack") return;
  assert.equal(frame.msgCd, "OPSP0002");
  assert.equal(frame.cipher, undefined);
});

Deno.test("PINGPONG keeps its raw text for the echo", () => {
  const raw = '{"header":{"tr_id":"PINGPONG","datetime":"20261127093000"}}';
  assert.deepEqual(parseFrame(raw), { kind: "pingpong", raw });
});

Deno.test("text that is neither data nor a control frame is refused", () => {
  assert.throws(() => parseFrame("hello"), SyntaxError);
  assert.throws(() => parseFrame("0|H0STCNT0"), /malformed KIS data frame/);
  assert.throws(() => parseFrame('{"nothing":1}'), /unexpected KIS control frame/);
});

Deno.test("an encrypted fill notice decrypts with the ack's key and iv", async (t) => {
  const key = "K1k2k3k4k5k6k7k8k9k0kAkBkCkDkEkF";
  const iv = "I1i2i3i4i5i6i7i8";
  const plain = fillNoticeFields().join("^");
  const base64 = await encryptAes(plain, key, iv);
  const frame = parseFrame(`1|H0STCNI0|001|${base64}`);
  assert.equal(frame.kind, "data");
  if (frame.kind !== "data") return;
  assert.equal(frame.encrypted, true);

  await t.step("the payload round-trips to the plain text, Korean included", async () => {
    assert.equal(await decryptPayload(frame.payload, { key, iv }), plain);
  });
  await t.step("the decrypted record is a buy fill of 3 at 71,200", async () => {
    const [fields] = splitRecords(await decryptPayload(frame.payload, { key, iv }), 1, 26);
    assert.deepEqual(toOrderNotice(fields!), {
      type: "order_notice",
      event: "fill",
      account: "5012345601",
      orderNo: "0000012345",
      originalOrderNo: "",
      side: "buy",
      symbol: "005930",
      time: "09:30:15",
      quantity: 3,
      price: 71200,
      orderQuantity: 10,
      route: null,
      venue: null,
    });
  });
  await t.step("a wrong key fails instead of yielding garbage", async () => {
    await assert.rejects(() => decryptPayload(frame.payload, { key: key.toLowerCase(), iv }));
  });
});

Deno.test("order notices that are not fills read as acknowledgements", async (t) => {
  const base = fillNoticeFields();
  const variant = (changes: Record<number, string>) => {
    const fields = [...base];
    for (const [index, value] of Object.entries(changes)) fields[Number(index)] = value;
    return toOrderNotice(fields);
  };
  await t.step("an accepted order reports the order quantity and price", () => {
    const notice = variant({ 13: "1", 9: "0", 10: "0", 25: "71000" });
    assert.equal(notice.event, "accepted");
    assert.equal(notice.quantity, 10);
    assert.equal(notice.price, 71000);
  });
  await t.step("revise, cancel and reject flags map to their events", () => {
    assert.equal(variant({ 13: "1", 5: "1" }).event, "revised");
    assert.equal(variant({ 13: "1", 5: "2" }).event, "cancelled");
    assert.equal(variant({ 13: "1", 12: "1" }).event, "rejected");
  });
  await t.step("01 is a sell", () => {
    assert.equal(variant({ 4: "01" }).side, "sell");
  });
});

Deno.test("subscribe and unsubscribe messages follow §7.2", () => {
  assert.deepEqual(
    JSON.parse(subscriptionMessage("approval-1", "subscribe", "H0STCNT0", "005930")),
    {
      header: { approval_key: "approval-1", custtype: "P", tr_type: "1", "content-type": "utf-8" },
      body: { input: { tr_id: "H0STCNT0", tr_key: "005930" } },
    },
  );
  assert.equal(
    JSON.parse(subscriptionMessage("approval-1", "unsubscribe", "H0STASP0", "000660")).header
      .tr_type,
    "2",
  );
});

Deno.test("ORD_EXG_GB gives a notice's route and venue: 1 KRX, 2 NXT, 3 SOR to KRX, 4 SOR to NXT", () => {
  const expected = [
    ["1", "KRX", "KRX"],
    ["2", "NXT", "NXT"],
    ["3", "SOR", "KRX"],
    ["4", "SOR", "NXT"],
  ] as const;
  for (const [code, route, venue] of expected) {
    const fields = fillNoticeFields();
    fields[19] = code;
    const notice = toOrderNotice(fields);
    assert.deepEqual([notice.route, notice.venue], [route, venue], `ORD_EXG_GB ${code}`);
  }
});
