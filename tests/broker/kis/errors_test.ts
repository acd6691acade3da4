import assert from "node:assert/strict";
import { BrokerError } from "../../../core/broker/mod.ts";
import {
  classifyKisError,
  isRateRejection,
  isStalePaging,
  isTokenRejection,
  KisError,
} from "../../../core/broker/kis/mod.ts";

// Every row of PROTOCOL.md §5, with the category a caller should see.
const ROWS = [
  ["EGW00123", "기간이 만료된 token 입니다.", 500, "auth"],
  ["EGW00121", "유효하지 않은 token 입니다.", 500, "auth"],
  ["EGW00133", "접근토큰 발급 잠시 후 다시 시도하세요(1분당 1회)", 403, "rate"],
  ["EGW00201", "초당 거래건수를 초과하였습니다.", 500, "rate"],
  ["EGW00215", "원장에서 허용 가능한 초당 거래건수를 초과하였습니다.", 500, "rate"],
  ["EGW00205", "credentials_type이 유효하지 않습니다.(Bearer)", 500, "auth"],
  ["EGW00206", "API 사용 권한 없음", 500, "auth"],
  ["EGW00207", "IP 주소 오류", 500, "auth"],
  ["EGW00208", "custtype 오류", 500, "auth"],
  ["EGW00210", "법인 모의투자 불가", 500, "auth"],
  ["EGW00213", "모의투자 TR 불일치", 500, "auth"],
  ["EGW02004", "실전투자 도메인은 모의투자 앱키로 호출하실 수 없습니다.", 500, "auth"],
  ["EGW02006", "모의투자 TR 이 아닙니다.", 500, "auth"],
  ["OPSQ0002", "없는 서비스 코드 입니다", 500, "auth"],
  ["MCA00124", "해당 서비스를 찾을수 없습니다.", 500, "auth"],
  ["APBK0919", "장운영일자가 주문일과 상이합니다", 200, "market_closed"],
  ["APBK0656", "해당종목정보가 없습니다", 200, "invalid_symbol"],
  ["APBK0952", "주문가능금액을 초과 했습니다", 200, "insufficient_cash"],
  ["40250000", "모의투자 주문가능금액이 부족합니다.", 200, "insufficient_cash"],
  ["40570000", "모의투자 장시작전 입니다.", 200, "market_closed"],
  ["40580000", "모의투자 장종료 입니다.", 200, "market_closed"],
  ["APAC0081", "계좌번호 입력 오류입니다", 200, "auth"],
] as const;

Deno.test("classifyKisError sorts every PROTOCOL.md §5 row", async (t) => {
  for (const [msgCd, msg1, httpStatus, category] of ROWS) {
    await t.step(`${msgCd} → ${category}`, () => {
      assert.equal(classifyKisError({ msgCd, msg1, httpStatus }), category);
    });
  }
});

Deno.test("classifyKisError falls back to msg1 when the code is unknown", async (t) => {
  const byMessage = [
    ["초당 거래건수를 초과하였습니다.", "rate"],
    ["기간이 만료된 token 입니다.", "auth"],
    ["유효하지 않은 token 입니다.", "auth"],
    ["장운영시간이 아닙니다.", "market_closed"],
    ["모의투자 장종료 입니다.", "market_closed"],
    ["모의투자 장시작전 입니다.", "market_closed"],
    ["주문가능금액을 초과 했습니다", "insufficient_cash"],
    ["해당종목정보가 없습니다", "invalid_symbol"],
    ["모의투자 TR 이 아닙니다.", "auth"],
  ] as const;
  for (const [msg1, category] of byMessage) {
    await t.step(`"${msg1}" → ${category}`, () => {
      assert.equal(classifyKisError({ msgCd: "ZZZZ9999", msg1, httpStatus: 200 }), category);
    });
  }
  await t.step("an unknown business refusal is an invalid order", () => {
    assert.equal(
      classifyKisError({
        msgCd: "APBK0504",
        msg1: "주문단가가 호가단위에 맞지 않습니다.",
        httpStatus: 200,
      }),
      "invalid_order",
    );
  });
  await t.step("an unknown gateway failure is a server error", () => {
    assert.equal(
      classifyKisError({ msgCd: "EGW00002", msg1: "서버 에러가 발생했습니다.", httpStatus: 500 }),
      "server",
    );
  });
  await t.step("a stale paging cursor is a server error", () => {
    assert.equal(
      classifyKisError({
        msgCd: "",
        msg1: "조회이후에 자료가 변경되었습니다.(다시 조회하세요)",
        httpStatus: 200,
      }),
      "server",
    );
  });
});

Deno.test("the retry predicates pick out tokens, rate and stale cursors", async (t) => {
  await t.step("EGW00123 and EGW00121 are token refusals, EGW00201 is not", () => {
    assert.equal(isTokenRejection({ msgCd: "EGW00123", msg1: "" }), true);
    assert.equal(isTokenRejection({ msgCd: "EGW00121", msg1: "" }), true);
    assert.equal(isTokenRejection({ msgCd: "X", msg1: "기간이 만료된 token 입니다." }), true);
    assert.equal(
      isTokenRejection({ msgCd: "EGW00201", msg1: "초당 거래건수를 초과하였습니다." }),
      false,
    );
  });
  await t.step(
    "EGW00201 and EGW00215 are rate refusals, EGW00133 issuance throttling is not",
    () => {
      assert.equal(isRateRejection({ msgCd: "EGW00201", msg1: "" }), true);
      assert.equal(isRateRejection({ msgCd: "EGW00215", msg1: "" }), true);
      assert.equal(isRateRejection({ msgCd: "EGW00133", msg1: "접근토큰 발급 잠시 후" }), false);
    },
  );
  await t.step("the stale-cursor message is recognised", () => {
    assert.equal(
      isStalePaging({ msg1: "조회이후에 자료가 변경되었습니다.(다시 조회하세요)" }),
      true,
    );
    assert.equal(isStalePaging({ msg1: "정상처리 되었습니다." }), false);
  });
});

Deno.test("KisError is a BrokerError that keeps KIS's code, text, status and tr_id", () => {
  const error = new KisError({
    msgCd: "APBK0952",
    msg1: "주문가능금액을 초과 했습니다",
    httpStatus: 200,
    trId: "TTTC0012U",
  });
  assert.ok(error instanceof BrokerError);
  assert.equal(error.category, "insufficient_cash");
  assert.equal(error.msgCd, "APBK0952");
  assert.equal(error.msg1, "주문가능금액을 초과 했습니다");
  assert.equal(error.httpStatus, 200);
  assert.equal(error.trId, "TTTC0012U");
  assert.match(error.message, /TTTC0012U.*APBK0952/);
});
