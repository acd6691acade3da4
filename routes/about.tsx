import { VERSION } from "@/core/version.ts";
import { define } from "../utils.ts";

export const handler = define.handlers({
  GET: () => ({ data: { version: VERSION, runtime: `Deno ${Deno.version.deno}` } }),
});

export default define.page<typeof handler>(function About({ data }) {
  return (
    <section class="page">
      <h1>시스템</h1>
      <dl class="facts">
        <dt>버전</dt>
        <dd>{data.version}</dd>
        <dt>런타임</dt>
        <dd>{data.runtime}</dd>
        <dt>상태 API</dt>
        <dd>
          <a href="/api/v1/health/live">/api/v1/health/live</a>
        </dd>
      </dl>
      <p class="muted">
        여의도는 한국투자증권 Open API로 KRX 주식을 자동매매하기 위한 자체 호스팅 시스템입니다.
        지금은 이 화면의 골격, 백테스트, JSON API, KIS 클라이언트와 KIS 프로토콜 시뮬레이터까지
        만들어져 있고, 전략을 일정에 따라 스스로 실행하는 자동 주문은 아직 없습니다. KIS 키 없이
        시작하면 앱 안에서 시뮬레이터(모의 시장)가 함께 뜨고, 시세 API가 그 시장에서 답합니다.
        시뮬레이터는 <code>deno task sim</code>으로 따로 띄울 수도 있고,{" "}
        <code>deno task kis</code>로 그 시뮬레이터나 KIS 계좌에 직접 조회·주문할 수 있습니다.
      </p>
    </section>
  );
});
