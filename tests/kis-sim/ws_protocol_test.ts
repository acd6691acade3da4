import assert from "node:assert/strict";
import { decryptAes } from "../_support/aes.ts";
import { RawWebSocket } from "../_support/raw_ws.ts";
import { manualSimulator } from "../_support/simulator.ts";
import { freshToken, kisHeaders, post } from "./plain_kis.ts";
import { approvalKey, Inbox, subscribe } from "./plain_ws.ts";

Deno.test("price subscriptions: ack with AES key/iv, multi-record H0STCNT0 frames, H0STASP0 books", async (t) => {
  await using sim = await manualSimulator({
    seed: 11,
  });
  await using inbox = new Inbox(`${sim.wsUrl}/tryitout`);
  await inbox.opened;
  const key = await approvalKey(sim);

  await t.step("the ack is JSON with SUBSCRIBE SUCCESS and a 32/16-char key/iv", async () => {
    inbox.socket.send(subscribe(key, "H0STCNT0", "005930"));
    const ack = JSON.parse(await inbox.next());
    assert.deepEqual(ack.header, { tr_id: "H0STCNT0", tr_key: "005930", encrypt: "N" });
    assert.equal(ack.body.rt_cd, "0");
    assert.equal(ack.body.msg_cd, "OPSP0000");
    assert.equal(ack.body.msg1, "SUBSCRIBE SUCCESS");
    assert.equal(ack.body.output.key.length, 32);
    assert.equal(ack.body.output.iv.length, 16);
  });

  await t.step("subscribing twice is ALREADY IN SUBSCRIBE (rt_cd 1)", async () => {
    inbox.socket.send(subscribe(key, "H0STCNT0", "005930"));
    const again = JSON.parse(await inbox.next());
    assert.equal(again.body.rt_cd, "1");
    assert.equal(again.body.msg_cd, "OPSP0002");
  });

  await t.step("30 s of trades arrive as one frame of 6 records of 46 fields each", async () => {
    sim.clock.advance(30_000);
    const frame = await inbox.until((text) => text.startsWith("0|H0STCNT0|"));
    const [enc, trId, count, payload] = frame.split("|");
    assert.equal(enc, "0");
    assert.equal(trId, "H0STCNT0");
    assert.equal(count, "006");
    const fields = (payload ?? "").split("^");
    assert.equal(fields.length, 6 * 46);
    const records = Array.from({ length: 6 }, (_, i) => fields.slice(i * 46, i * 46 + 46));
    assert.deepEqual(records.map((r) => r[0]), Array(6).fill("005930"));
    assert.deepEqual(records.map((r) => r[1]), [
      "093005",
      "093010",
      "093015",
      "093020",
      "093025",
      "093030",
    ]);
    assert.equal(records[5]?.[2], String(sim.market.price("005930")));
  });

  await t.step("an order-book subscription streams 59-field H0STASP0 records", async () => {
    inbox.socket.send(subscribe(key, "H0STASP0", "000660"));
    await inbox.until((text) => text.includes('"H0STASP0"'));
    sim.clock.advance(5_000);
    const frame = await inbox.until((text) => text.startsWith("0|H0STASP0|"));
    const [, , count, payload] = frame.split("|");
    assert.equal(count, "001");
    const fields = (payload ?? "").split("^");
    assert.equal(fields.length, 59);
    assert.equal(fields[0], "000660");
    assert.ok(Number(fields[3]) > Number(fields[13]), "best ask above best bid");
  });

  await t.step("unsubscribing answers OPSP0001 UNSUBSCRIBE", async () => {
    inbox.socket.send(subscribe(key, "H0STCNT0", "005930", "2"));
    const answer = JSON.parse(await inbox.until((text) => text.includes("UNSUB")));
    assert.equal(answer.body.msg_cd, "OPSP0001");
  });
});

Deno.test("fill notices are AES-256-CBC encrypted with the ack's key and decrypt to 26 fields", async (t) => {
  await using sim = await manualSimulator({
    seed: 12,
    env: "vts",
    rateLimit: false,
  });
  await using inbox = new Inbox(`${sim.wsUrl}/tryitout`);
  await inbox.opened;
  const key = await approvalKey(sim);
  inbox.socket.send(subscribe(key, "H0STCNI9", sim.credentials.htsId));
  const ack = JSON.parse(await inbox.next());
  assert.equal(ack.header.encrypt, "Y");
  const { key: aesKey, iv } = ack.body.output;
  const token = await freshToken(sim);
  const order = await post(sim, "/trading/order-cash", kisHeaders(sim, token, "VTTC0012U"), {
    CANO: "50123456",
    ACNT_PRDT_CD: "01",
    PDNO: "005930",
    ORD_DVSN: "01",
    ORD_QTY: "2",
    ORD_UNPR: "0",
    EXCG_ID_DVSN_CD: "KRX",
  });
  const odno = (order.body.output as Record<string, string>).ODNO;

  await t.step("first the acknowledgement (CNTG_YN 1), then the fill (CNTG_YN 2)", async () => {
    const frames = [await inbox.next(), await inbox.next()];
    const records = [];
    for (const frame of frames) {
      const [enc, trId, count, payload] = frame.split("|");
      assert.equal(enc, "1");
      assert.equal(trId, "H0STCNI9");
      assert.equal(count, "001");
      records.push((await decryptAes(payload ?? "", aesKey, iv)).split("^"));
    }
    const [ackRecord, fillRecord] = records;
    assert.equal(ackRecord?.length, 26);
    assert.equal(ackRecord?.[0], sim.credentials.htsId);
    assert.equal(ackRecord?.[2], odno);
    assert.equal(ackRecord?.[13], "1");
    assert.equal(fillRecord?.[13], "2");
    assert.equal(fillRecord?.[4], "02");
    assert.equal(fillRecord?.[8], "005930");
    assert.equal(fillRecord?.[9], "2");
    assert.equal(fillRecord?.[24], "삼성전자");
  });

  // A market sell of one share, whose fill notice the faults below act on.
  const sellOne = () =>
    post(sim, "/trading/order-cash", kisHeaders(sim, token, "VTTC0011U"), {
      CANO: "50123456",
      ACNT_PRDT_CD: "01",
      PDNO: "005930",
      ORD_DVSN: "01",
      ORD_QTY: "1",
      ORD_UNPR: "0",
      EXCG_ID_DVSN_CD: "KRX",
    });
  await t.step(
    "with duplicateFillNotice (count 1) the next notice frame arrives twice",
    async () => {
      sim.faults.inject({ kind: "duplicateFillNotice", count: 1 });
      await sellOne();
      const frames = [await inbox.next(), await inbox.next(), await inbox.next()];
      assert.equal(frames[0], frames[1]);
      assert.notEqual(frames[1], frames[2]);
    },
  );
  await t.step("with delayFillNotice the notices still arrive, in order", async () => {
    sim.faults.inject({ kind: "delayFillNotice", ms: 20, count: 2 });
    await sellOne();
    const records = [];
    for (const frame of [await inbox.next(), await inbox.next()]) {
      records.push((await decryptAes(frame.split("|")[3] ?? "", aesKey, iv)).split("^"));
    }
    assert.deepEqual(records.map((r) => [r[4], r[13]]), [["01", "1"], ["01", "2"]]);
  });
});

Deno.test("session rules: PINGPONG, one socket per app key, bad approval key, server drop", async (t) => {
  await using sim = await manualSimulator({
    seed: 13,
  });
  await using first = new Inbox(`${sim.wsUrl}/tryitout`);
  await using second = new Inbox(`${sim.wsUrl}/tryitout`);
  await Promise.all([first.opened, second.opened]);
  const key = await approvalKey(sim);

  await t.step("an unknown approval key is refused", async () => {
    first.socket.send(subscribe("not-a-key", "H0STCNT0", "005930"));
    const answer = JSON.parse(await first.next());
    assert.equal(answer.body.rt_cd, "1");
    assert.equal(answer.body.msg1, "INVALID APPROVAL KEY");
  });

  await t.step("a PINGPONG storm sends the JSON control frame count times", async () => {
    first.socket.send(subscribe(key, "H0STCNT0", "005930"));
    await first.next();
    sim.faults.inject({ kind: "pingpongStorm", count: 3 });
    const pings = [await first.next(), await first.next(), await first.next()].map((t) =>
      JSON.parse(t)
    );
    for (const ping of pings) {
      assert.equal(ping.header.tr_id, "PINGPONG");
      assert.equal(ping.header.datetime, "20261127093000");
    }
    first.socket.send(JSON.stringify(pings[0]));
  });

  await t.step("a second socket for the same app key gets OPSP8996 and is closed", async () => {
    second.socket.send(subscribe(key, "H0STCNT0", "000660"));
    const answer = JSON.parse(
      await second.until((text) => text.startsWith("{") && !text.includes("PINGPONG")),
    );
    assert.equal(answer.body.msg_cd, "OPSP8996");
    await second.closed;
  });

  await t.step("dropWebSocket closes the session from the server side", async () => {
    sim.faults.inject({ kind: "dropWebSocket" });
    await first.closed;
  });
});

Deno.test("PINGPONG is answered by a pong frame or a text echo; a session answering neither is dropped", async () => {
  await using sim = await manualSimulator({ seed: 13, pingIntervalMs: 60 });
  const url = `${sim.wsUrl}/tryitout`;
  await using ponging = await RawWebSocket.connect(url);
  await using echoing = await RawWebSocket.connect(url);
  await using silent = await RawWebSocket.connect(url);
  /** Reads up to `pings` PINGPONG frames, answering each with `answer`; "closed" if dropped first. */
  const survive = async (
    socket: RawWebSocket,
    pings: number,
    answer: (raw: string) => Promise<void>,
  ) => {
    for (let seen = 0; seen < pings;) {
      const text = await socket.next();
      if (text === "closed") return `closed after ${seen} pings`;
      if (!text.includes('"PINGPONG"')) continue;
      seen++;
      await answer(text);
    }
    return "open";
  };
  const outcomes = await Promise.all([
    survive(ponging, 6, (raw) => ponging.sendPong(raw)),
    survive(echoing, 6, (raw) => echoing.sendText(raw)),
    survive(silent, 6, () => Promise.resolve()),
  ]);
  assert.deepEqual(outcomes, ["open", "open", "closed after 3 pings"]);
});
