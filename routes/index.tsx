import { signal } from "@preact/signals";
import Counter from "../islands/Counter.tsx";
import MarketClock from "../islands/MarketClock.tsx";
import Sparkline from "../islands/Sparkline.tsx";
import { appServices } from "@/core/runtime/current.ts";
import { define } from "../utils.ts";

export const handler = define.handlers({
  GET: () => {
    // in the demo the clock shows the simulated market's time, which runs its own days
    const status = appServices()?.simulator?.status();
    const simulated = status ? { at: status.now, speed: status.speed } : undefined;
    return {
      data: {
        renderedAt: new Date(),
        simulated,
        quantity: 10,
        history: [7, 9, 8, 10, 9, 11, 10],
      },
    };
  },
});

export default define.page<typeof handler>(function Dashboard({ data }) {
  const quantity = signal(data.quantity);
  return (
    <section class="page">
      <div class="page-head">
        <h1>대시보드</h1>
        <MarketClock serverTime={data.renderedAt} simulated={data.simulated} />
      </div>
      <div class="cards">
        <article class="card">
          <h2>포트폴리오</h2>
          <p class="muted">보유 종목, 손익, 비중 차트가 이곳에 표시됩니다.</p>
        </article>
        <article class="card">
          <h2>전략</h2>
          <p class="muted">이동평균 교차, RSI, 볼린저, 복합 전략의 실행 현황이 표시됩니다.</p>
        </article>
        <article class="card">
          <h2>알림</h2>
          <p class="muted">손절가 · 목표가 알림이 표시됩니다.</p>
        </article>
      </div>
      <article class="card widget">
        <h2>주문 수량 (위젯 예시)</h2>
        <p class="muted">
          두 위젯이 하나의 값을 함께 씁니다: 버튼을 누르면 차트가 따라 움직입니다.
        </p>
        <div class="widget-row">
          <Counter count={quantity} label="수량" />
          <Sparkline value={quantity} history={data.history} label="수량" />
        </div>
      </article>
    </section>
  );
});
