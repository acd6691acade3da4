import assert from "node:assert/strict";
import { renderToString } from "preact-render-to-string";
import MarketClock from "../../islands/MarketClock.tsx";

Deno.test("the market clock names the KRX phase on a covered day", () => {
  // 2025-06-02 10:00 KST, a Monday in continuous trading.
  const html = renderToString(<MarketClock serverTime={new Date("2025-06-02T01:00:00Z")} />);
  assert.match(html, /data-testid="market-phase"[^>]*>정규장</);
  assert.match(html, /phase-continuous/);
});

Deno.test("past the calendar's years the market clock still renders and says it has no closing days", () => {
  const html = renderToString(<MarketClock serverTime={new Date("2028-06-02T01:00:00Z")} />);
  assert.match(html, /data-testid="market-phase"[^>]*>휴장일 정보 없음</);
  assert.match(html, /2028/);
});
