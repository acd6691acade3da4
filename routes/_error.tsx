import { HttpError } from "@/core/web/mod.ts";
import { define } from "../utils.ts";

export default define.page(function ServerError({ error }) {
  const status = error instanceof HttpError ? error.status : 500;
  return (
    <section class="error-page">
      <h1>{status >= 500 ? "서버 오류가 발생했습니다" : "요청을 처리할 수 없습니다"}</h1>
      <p>상태 코드 {status}. 잠시 후 다시 시도해 주세요.</p>
      <p>
        <a href="/">대시보드로 돌아가기</a>
      </p>
    </section>
  );
});
