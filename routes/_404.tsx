import { define } from "../utils.ts";

export default define.page(function NotFound({ url }) {
  return (
    <section class="error-page">
      <h1>페이지를 찾을 수 없습니다</h1>
      <p>
        <code>{url.pathname}</code> 에 해당하는 페이지가 없습니다.
      </p>
      <p>
        <a href="/">대시보드로 돌아가기</a>
      </p>
    </section>
  );
});
