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
          <a href="/api/v1/health">/api/v1/health</a>
        </dd>
      </dl>
      <p class="muted">
        여의도는 한국투자증권 Open API로 KRX 주식을 자동매매하는 자체 호스팅 시스템입니다. KIS 키가
        없으면 내장 시뮬레이터와 거래합니다.
      </p>
    </section>
  );
});
