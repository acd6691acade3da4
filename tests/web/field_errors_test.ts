import assert from "node:assert/strict";
import { openDemoDashboard } from "./_dashboard.ts";
import { postForm, signIn, TEST_ADMIN_PASSWORD } from "./_session.ts";

/** The words shown next to the field `name` of a refused form's page. */
function fieldErrorOf(html: string, name: string): string | undefined {
  const input = html.indexOf(`name="${name}"`);
  if (input < 0) return undefined;
  const after = html.slice(input);
  const label = after.indexOf("</label>");
  const match = /<span class="field-error" role="alert">([^<]*)<\/span>/.exec(
    after.slice(0, label),
  );
  return match?.[1];
}

const decode = (text: string | undefined) =>
  text?.replace(/&#(\d+);/g, (_, code) => String.fromCharCode(Number(code)))
    .replace(/&amp;/g, "&").replace(/&quot;/g, '"').replace(/&lt;/g, "<").replace(/&gt;/g, ">");

Deno.test("the API's field errors are worded in the page's language on the risk-limit and alert forms", async (t) => {
  await using dashboard = await openDemoDashboard();
  const { app } = dashboard;
  const admin = await signIn(app, "admin", TEST_ADMIN_PASSWORD);
  const post = async (path: string, lang: "ko" | "en", fields: Record<string, string>) => {
    const response = await postForm(app, path, `${admin}; lang=${lang}`, fields);
    assert.equal(response.status, 422);
    return await response.text();
  };
  const badLimits = {
    form: "risk_limits",
    maxOrderKrw: "1,000,000",
    maxDailyKrw: "5,000,000",
    maxPositionWeightPercent: "150",
    maxOpenOrders: "many",
  };
  // the order-over-daily check runs once every limit parses on its own
  const crossedLimits = {
    ...badLimits,
    maxOrderKrw: "5,000,000",
    maxDailyKrw: "1,000,000",
    maxPositionWeightPercent: "25",
    maxOpenOrders: "10",
  };
  const badAlert = {
    form: "create",
    symbol: "abc",
    kind: "price_above",
    value: "12.5",
    unit: "krw",
    action: "notify",
  };

  await t.step("risk limits in Korean", async () => {
    const html = await post("/settings", "ko", badLimits);
    assert.equal(decode(fieldErrorOf(html, "maxPositionWeightPercent")), "100% 이하여야 합니다.");
    assert.equal(decode(fieldErrorOf(html, "maxOpenOrders")), "숫자를 입력하세요.");
    assert.match(html, /data-testid="risk_limits-error"[^>]*>표시된 항목을 고쳐 주세요\./);
    const crossed = await post("/settings", "ko", crossedLimits);
    assert.equal(
      decode(fieldErrorOf(crossed, "maxOrderKrw")),
      "1회 주문 한도는 일일 한도보다 클 수 없습니다.",
    );
  });

  await t.step("risk limits in English", async () => {
    const html = await post("/settings", "en", badLimits);
    assert.equal(
      decode(fieldErrorOf(html, "maxPositionWeightPercent")),
      "Must be at most 100 %.",
    );
    assert.equal(decode(fieldErrorOf(html, "maxOpenOrders")), "Enter a number.");
    const crossed = await post("/settings", "en", crossedLimits);
    assert.equal(
      decode(fieldErrorOf(crossed, "maxOrderKrw")),
      "The largest single order cannot exceed the daily total.",
    );
  });

  await t.step("the alert form in Korean", async () => {
    const html = await post("/alerts", "ko", badAlert);
    assert.equal(
      decode(fieldErrorOf(html, "symbol")),
      "종목코드는 6자리 숫자입니다 (ETN은 Q와 6자리, 예: 005930).",
    );
    assert.equal(decode(fieldErrorOf(html, "value")), "정수를 입력하세요.");
  });

  await t.step("the alert form in English", async () => {
    const html = await post("/alerts", "en", badAlert);
    assert.equal(
      decode(fieldErrorOf(html, "symbol")),
      "A symbol is six digits, or Q and six digits for an ETN (e.g. 005930).",
    );
    assert.equal(decode(fieldErrorOf(html, "value")), "Enter a whole number.");
  });
});
