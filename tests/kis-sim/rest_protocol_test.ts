import assert from "node:assert/strict";
import { manualSimulator, OPEN_SESSION as START } from "../_support/simulator.ts";
import { dailyCcldQuery, freshToken, get, kisHeaders, post, tokenP } from "./plain_kis.ts";

const ACCOUNT = { CANO: "50123456", ACNT_PRDT_CD: "01" };
const PRICE = { FID_COND_MRKT_DIV_CODE: "J", FID_INPUT_ISCD: "005930" };

Deno.test("token issuance follows KIS: one per minute (EGW00133 as 403), the same token within 6 h", async (t) => {
  let wall = START.getTime();
  await using sim = await manualSimulator({
    seed: 1,
    wallClock: () => wall,
  });
  const first = await tokenP(sim);
  await t.step("the first token carries KST expiry and Bearer type", () => {
    assert.equal(first.status, 200);
    assert.equal(first.body.token_type, "Bearer");
    assert.equal(first.body.expires_in, 86_400);
    assert.equal(first.body.access_token_token_expired, "2026-11-28 09:30:00");
    const payload = JSON.parse(atob(String(first.body.access_token).split(".")[1] ?? ""));
    assert.equal(payload.jti, sim.credentials.appKey);
  });
  await t.step("asking again at once is throttled with the OAuth body shape", async () => {
    const again = await tokenP(sim);
    assert.equal(again.status, 403);
    assert.equal(again.body.error_code, "EGW00133");
    assert.equal(
      again.body.error_description,
      "접근토큰 발급 잠시 후 다시 시도하세요(1분당 1회)",
    );
    assert.equal(again.body.rt_cd, undefined);
  });
  await t.step("after a minute the same token comes back, with less time left", async () => {
    wall += 61_000;
    const later = await tokenP(sim);
    assert.equal(later.status, 200);
    assert.equal(later.body.access_token, first.body.access_token);
    assert.equal(later.body.expires_in, 86_400 - 61);
    assert.equal(sim.stats.tokenIssuances, 1);
  });
  await t.step("a wrong app secret is refused", async () => {
    const response = await fetch(`${sim.restUrl}/oauth2/tokenP`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({
        grant_type: "client_credentials",
        appkey: sim.credentials.appKey,
        appsecret: "x",
      }),
    });
    assert.equal(response.status, 403);
    assert.equal((await response.json()).error_code, "EGW00105");
  });
});

Deno.test("token lifetimes run on the wall clock, not on a shifted market clock", async (t) => {
  let wall = Date.parse("2026-11-30T13:00:00Z");
  await using sim = await manualSimulator({
    seed: 1,
    // The demo clock (at START) shows an earlier session, three days back, than the client's
    // wall time.
    wallClock: () => wall,
  });
  const issued = await tokenP(sim);
  await t.step("expiry is 24 h after the wall-clock issuance, in KST", () => {
    assert.equal(issued.body.access_token_token_expired, "2026-12-01 22:00:00");
  });
  const headers = kisHeaders(sim, String(issued.body.access_token), "FHKST01010100");
  await t.step("moving the market clock a day on does not expire the token", async () => {
    sim.clock.advance(86_400_000);
    const answer = await get(sim, "/quotations/inquire-price", headers, PRICE);
    assert.equal(answer.body.rt_cd, "0");
  });
  await t.step("24 h of wall time do", async () => {
    wall += 86_400_000;
    const answer = await get(sim, "/quotations/inquire-price", headers, PRICE);
    assert.equal(answer.body.msg_cd, "EGW00123");
  });
});

Deno.test("REST calls are checked like the KIS gateway", async (t) => {
  await using sim = await manualSimulator({
    seed: 2,
  });
  const token = await freshToken(sim);
  const headers = kisHeaders(sim, token, "FHKST01010100");
  await t.step(
    "a valid price query answers rt_cd 0 with string numbers and KIS headers",
    async () => {
      const answer = await get(sim, "/quotations/inquire-price", headers, PRICE);
      assert.equal(answer.status, 200);
      assert.equal(answer.body.rt_cd, "0");
      assert.equal(answer.headers.get("tr_id"), "FHKST01010100");
      const output = answer.body.output as Record<string, unknown>;
      assert.equal(output.stck_prpr, String(sim.market.price("005930")));
      assert.equal(typeof output.aspr_unit, "string");
    },
  );
  await t.step("lowercase GET parameter names are accepted too", async () => {
    const answer = await get(sim, "/quotations/inquire-price", headers, {
      fid_cond_mrkt_div_code: "J",
      fid_input_iscd: "005930",
    });
    assert.equal(answer.body.rt_cd, "0");
  });
  await t.step("no Bearer prefix → EGW00205 as HTTP 500", async () => {
    const answer = await get(sim, "/quotations/inquire-price", {
      ...headers,
      authorization: token,
    }, PRICE);
    assert.equal(answer.status, 500);
    assert.equal(answer.body.msg_cd, "EGW00205");
  });
  await t.step("missing custtype → EGW00208", async () => {
    const { custtype: _, ...without } = headers;
    const answer = await get(sim, "/quotations/inquire-price", without, PRICE);
    assert.equal(answer.body.msg_cd, "EGW00208");
  });
  await t.step("an unknown token → EGW00121", async () => {
    const answer = await get(sim, "/quotations/inquire-price", {
      ...headers,
      authorization: "Bearer nope",
    }, PRICE);
    assert.equal(answer.body.msg_cd, "EGW00121");
  });
  await t.step("a mock tr_id on the real server → OPSQ0002", async () => {
    const answer = await get(
      sim,
      "/trading/inquire-balance",
      kisHeaders(sim, token, "VTTC8434R"),
      {},
    );
    assert.equal(answer.status, 500);
    assert.equal(answer.body.msg_cd, "OPSQ0002");
  });
  await t.step("a missing required parameter → OPSQ2001 naming it", async () => {
    const answer = await get(sim, "/quotations/inquire-price", headers, {
      FID_COND_MRKT_DIV_CODE: "J",
    });
    assert.equal(answer.body.rt_cd, "1");
    assert.equal(answer.body.msg_cd, "OPSQ2001");
    assert.match(String(answer.body.msg1), /FID_INPUT_ISCD/);
  });
  await t.step("an injected token expiry → EGW00123, then a new token works", async () => {
    sim.faults.inject({ kind: "expireToken" });
    const expired = await get(sim, "/quotations/inquire-price", headers, PRICE);
    assert.equal(expired.status, 500);
    assert.equal(expired.body.msg_cd, "EGW00123");
    assert.equal(expired.body.msg1, "기간이 만료된 token 입니다.");
    const renewed = await freshToken(sim);
    assert.notEqual(renewed, token);
    const ok = await get(
      sim,
      "/quotations/inquire-price",
      kisHeaders(sim, renewed, "FHKST01010100"),
      PRICE,
    );
    assert.equal(ok.body.rt_cd, "0");
  });
});

Deno.test("the mock environment refuses real tr_ids and real-only TRs", async () => {
  await using sim = await manualSimulator({
    seed: 3,
    env: "vts",
    rateLimit: false,
  });
  const token = await freshToken(sim);
  const real = await get(
    sim,
    "/trading/inquire-balance",
    kisHeaders(sim, token, "TTTC8434R"),
    {},
  );
  assert.equal(real.status, 500);
  assert.equal(real.body.msg1, "모의투자 TR 이 아닙니다.");
  const holiday = await get(sim, "/quotations/chk-holiday", kisHeaders(sim, token, "CTCA0903R"), {
    BASS_DT: "20261127",
  });
  assert.equal(holiday.body.msg1, "모의투자 TR 이 아닙니다.");
});

Deno.test("orders: UPPERCASE string body in, UPPERCASE output back; lowercase keys are refused", async (t) => {
  await using sim = await manualSimulator({
    seed: 4,
  });
  const token = await freshToken(sim);
  const buy = kisHeaders(sim, token, "TTTC0012U");
  const order = {
    ...ACCOUNT,
    PDNO: "005930",
    ORD_DVSN: "01",
    ORD_QTY: "3",
    ORD_UNPR: "0",
    EXCG_ID_DVSN_CD: "KRX",
  };
  await t.step("a market buy is accepted and fills", async () => {
    const answer = await post(sim, "/trading/order-cash", buy, order);
    assert.equal(answer.body.rt_cd, "0");
    const output = answer.body.output as Record<string, string>;
    assert.match(output.ODNO ?? "", /^\d{10}$/);
    assert.equal(output.KRX_FWDG_ORD_ORGNO, "91252");
    assert.equal(output.ORD_TMD, "093000");
    assert.deepEqual(sim.market.account().holdings.map((h) => [h.code, h.qty]), [["005930", 3]]);
  });
  await t.step("a resting order can be revised (lowercase output) and cancelled", async () => {
    const lower = String(sim.market.quote("005930").lower);
    const placed = await post(sim, "/trading/order-cash", buy, {
      ...order,
      ORD_DVSN: "00",
      ORD_UNPR: lower,
    });
    const odno = (placed.body.output as Record<string, string>).ODNO ?? "";
    const revise = kisHeaders(sim, token, "TTTC0013U");
    const change = {
      ...ACCOUNT,
      KRX_FWDG_ORD_ORGNO: "91252",
      ORGN_ODNO: odno,
      ORD_DVSN: "00",
      RVSE_CNCL_DVSN_CD: "01",
      ORD_QTY: "0",
      ORD_UNPR: lower,
      QTY_ALL_ORD_YN: "Y",
      EXCG_ID_DVSN_CD: "KRX",
    };
    const revised = await post(sim, "/trading/order-rvsecncl", revise, change);
    assert.equal(revised.body.rt_cd, "0");
    const revisedNo = (revised.body.output as Record<string, string>).odno ?? "";
    assert.notEqual(revisedNo, odno);
    const pending = await get(
      sim,
      "/trading/inquire-psbl-rvsecncl",
      kisHeaders(sim, token, "TTTC0084R"),
      {
        ...ACCOUNT,
        INQR_DVSN_1: "0",
        INQR_DVSN_2: "0",
        CTX_AREA_FK100: "",
        CTX_AREA_NK100: "",
      },
    );
    const open = pending.body.output as { odno: string; orgn_odno: string; psbl_qty: string }[];
    assert.deepEqual(open.map((o) => [o.odno, o.orgn_odno, o.psbl_qty]), [[
      revisedNo,
      odno,
      "3",
    ]]);
    const cancelled = await post(sim, "/trading/order-rvsecncl", revise, {
      ...change,
      ORGN_ODNO: revisedNo,
      RVSE_CNCL_DVSN_CD: "02",
      ORD_UNPR: "0",
    });
    assert.equal(cancelled.body.rt_cd, "0");
    assert.equal(sim.market.orders().filter((o) => o.remaining > 0).length, 0);
  });
  await t.step("lowercase keys → OPSQ2001 naming CANO", async () => {
    const lower = Object.fromEntries(Object.entries(order).map(([k, v]) => [k.toLowerCase(), v]));
    const answer = await post(sim, "/trading/order-cash", buy, lower);
    assert.equal(answer.body.msg_cd, "OPSQ2001");
    assert.match(String(answer.body.msg1), /CANO/);
  });
  await t.step("numbers instead of strings are refused", async () => {
    const answer = await post(sim, "/trading/order-cash", buy, { ...order, ORD_QTY: 3 });
    assert.equal(answer.body.msg_cd, "OPSQ2001");
  });
  await t.step("a wrong account → APAC0081 with rt_cd 7", async () => {
    const answer = await post(sim, "/trading/order-cash", buy, { ...order, CANO: "99999999" });
    assert.equal(answer.body.rt_cd, "7");
    assert.equal(answer.body.msg_cd, "APAC0081");
  });
  await t.step("after the close the order is refused and nothing changes", async () => {
    sim.clock.set(new Date("2026-11-27T07:00:00Z"));
    const answer = await post(sim, "/trading/order-cash", buy, order);
    assert.equal(answer.body.rt_cd, "1");
    assert.equal(answer.body.msg1, "장운영시간이 아닙니다.");
    assert.equal(sim.market.account().holdings[0]?.qty, 3);
  });
});

Deno.test("daily fills page with tr_cont and CTX_AREA_FK100/NK100 at the env's page size", async () => {
  await using sim = await manualSimulator({
    seed: 5,
    env: "vts",
    rateLimit: false,
  });
  sim.market.seedFills(sim.credentials.account, 40);
  const token = await freshToken(sim);
  const headers = kisHeaders(sim, token, "VTTC0081R");
  const query = dailyCcldQuery(sim.credentials.account, "20261001", "20261127");
  const seen: string[] = [];
  const conts: string[] = [];
  let context = { fk: "", nk: "", cont: "" };
  for (let page = 0; page < 10; page++) {
    const answer = await get(sim, "/trading/inquire-daily-ccld", {
      ...headers,
      tr_cont: context.cont,
    }, {
      ...query,
      CTX_AREA_FK100: context.fk,
      CTX_AREA_NK100: context.nk,
    });
    assert.equal(answer.body.rt_cd, "0");
    const rows = answer.body.output1 as { odno: string }[];
    seen.push(...rows.map((r) => r.odno));
    const cont = answer.headers.get("tr_cont") ?? "";
    conts.push(cont);
    if (cont === "D" || cont === "E") break;
    context = {
      fk: String(answer.body.ctx_area_fk100),
      nk: String(answer.body.ctx_area_nk100),
      cont: "N",
    };
  }
  assert.deepEqual(conts, ["F", "M", "D"]);
  assert.equal(seen.length, 40);
  assert.equal(new Set(seen).size, 40);
});

Deno.test("rate budget and injected faults answer like KIS (HTTP 500, JSON body)", async (t) => {
  await using sim = await manualSimulator({
    seed: 6,
    rateLimit: 2,
    wallClock: () => 0,
  });
  const token = await freshToken(sim);
  const headers = kisHeaders(sim, token, "FHKST01010100");
  await t.step(
    "with the wall clock frozen, calls beyond the budget of 2 get EGW00201",
    async () => {
      const answers = await Promise.all(
        Array.from({ length: 5 }, () => get(sim, "/quotations/inquire-price", headers, PRICE)),
      );
      const limited = answers.filter((a) => a.body.msg_cd === "EGW00201");
      assert.equal(limited.length, 3);
      assert.equal(sim.stats.rateLimited, 3);
      for (const a of limited) {
        assert.equal(a.status, 500);
        assert.equal(a.body.msg1, "초당 거래건수를 초과하였습니다.");
      }
    },
  );
  await t.step("injected http500 and rateLimit faults answer in the KIS shape", async () => {
    sim.faults.inject({ kind: "http500", count: 1 });
    const failed = await get(sim, "/quotations/inquire-price", headers, PRICE);
    assert.equal(failed.status, 500);
    assert.equal(failed.body.rt_cd, "1");
    assert.equal(failed.body.msg_cd, "EGW00002");
    sim.faults.inject({ kind: "rateLimit", count: 1 });
    const limited = await get(sim, "/quotations/inquire-price", headers, PRICE);
    assert.equal(limited.body.msg_cd, "EGW00201");
    assert.equal(sim.stats.rateLimited, 4);
  });
});

Deno.test("fields KIS marks required are required: a missing one is answered OPSQ2001 naming it", async (t) => {
  await using sim = await manualSimulator({ seed: 4, rateLimit: false });
  const token = await freshToken(sim);
  const order = {
    ...ACCOUNT,
    PDNO: "005930",
    ORD_DVSN: "00",
    ORD_QTY: "1",
    ORD_UNPR: String(sim.market.quote("005930").lower),
    EXCG_ID_DVSN_CD: "KRX",
  };
  const expectMissing = (
    answer: { status: number; body: Record<string, unknown> },
    field: string,
  ) => {
    assert.equal(answer.body.rt_cd, "1");
    assert.equal(answer.body.msg_cd, "OPSQ2001");
    assert.equal(answer.body.msg1, `ERROR : INPUT_FIELD_NAME ${field}`);
  };
  const { EXCG_ID_DVSN_CD: _, ...withoutVenue } = order;

  await t.step("EXCG_ID_DVSN_CD on order-cash", async () => {
    const buy = kisHeaders(sim, token, "TTTC0012U");
    expectMissing(await post(sim, "/trading/order-cash", buy, withoutVenue), "EXCG_ID_DVSN_CD");
    assert.equal(sim.market.orders().length, 0);
  });

  const placed = await post(sim, "/trading/order-cash", kisHeaders(sim, token, "TTTC0012U"), order);
  const odno = (placed.body.output as Record<string, string>).ODNO ?? "";
  const revise = {
    ...ACCOUNT,
    KRX_FWDG_ORD_ORGNO: "91252",
    ORGN_ODNO: odno,
    ORD_DVSN: "00",
    ORD_QTY: "0",
    ORD_UNPR: order.ORD_UNPR,
    QTY_ALL_ORD_YN: "Y",
  };
  for (const [action, code] of [["revision", "01"], ["cancel", "02"]]) {
    await t.step(`EXCG_ID_DVSN_CD on order-rvsecncl (${action})`, async () => {
      const headers = kisHeaders(sim, token, "TTTC0013U");
      const body = { ...revise, RVSE_CNCL_DVSN_CD: code };
      expectMissing(await post(sim, "/trading/order-rvsecncl", headers, body), "EXCG_ID_DVSN_CD");
      assert.equal(sim.market.orders().length, 1);
    });
  }

  const minuteQuery = {
    FID_ETC_CLS_CODE: "",
    FID_COND_MRKT_DIV_CODE: "J",
    FID_INPUT_ISCD: "005930",
    FID_INPUT_HOUR_1: "093000",
    FID_PW_DATA_INCU_YN: "N",
  };
  for (const field of ["FID_PW_DATA_INCU_YN", "FID_ETC_CLS_CODE"] as const) {
    await t.step(`${field} on inquire-time-itemchartprice`, async () => {
      const { [field]: _, ...query } = minuteQuery;
      const headers = kisHeaders(sim, token, "FHKST03010200");
      expectMissing(
        await get(sim, "/quotations/inquire-time-itemchartprice", headers, query),
        field,
      );
    });
  }
});
