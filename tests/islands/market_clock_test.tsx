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

Deno.test("in the demo the market clock shows the simulated time and phase, labelled 모의 시장", () => {
  // the wall clock at 03:00 KST (closed); the simulated market at 09:10 KST on a Friday
  const html = renderToString(
    <MarketClock
      serverTime={new Date("2026-11-26T18:00:00Z")}
      simulated={{ at: new Date("2026-11-27T00:10:00Z"), speed: 1 }}
    />,
  );
  assert.match(html, /data-testid="market-clock-simulated"[^>]*>모의 시장</);
  assert.match(html, /data-testid="market-phase"[^>]*>정규장</);
  assert.match(html, /datetime="2026-11-27T00:10:00.000Z">2026. 11. 27. \(금\) 09:10:00 KST</);
});

Deno.test("without a simulated clock the market clock carries no 모의 시장 label", () => {
  const html = renderToString(<MarketClock serverTime={new Date("2025-06-02T01:00:00Z")} />);
  assert.doesNotMatch(html, /market-clock-simulated/);
});
