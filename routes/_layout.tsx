import { appServices } from "@/core/runtime/current.ts";
import { VERSION } from "@/core/version.ts";
import { define } from "../utils.ts";

/** The pages in the main navigation; `href: null` marks a page that is not built yet. */
const NAV: readonly { label: string; href: string | null }[] = [
  { label: "대시보드", href: "/" },
  { label: "포트폴리오", href: null },
  { label: "전략 · 백테스트", href: null },
  { label: "알림", href: null },
  { label: "리밸런싱", href: null },
  { label: "시스템", href: "/about" },
];

export default define.layout(function Layout({ Component, url }) {
  const services = appServices();
  return (
    <div class="shell">
      <header class="topbar">
        <a class="brand" href="/">
          <span class="brand-mark">여의도</span>
          <span class="brand-sub">Yeouido</span>
        </a>
        {services?.mode === "demo" && (
          <span
            class="market-badge"
            data-testid="market-badge"
            title="내장 시뮬레이터의 시장입니다. 실제 시세와 실제 계좌가 아닙니다."
          >
            {services.label}
          </span>
        )}
        <nav aria-label="주요 메뉴">
          <ul>
            {NAV.map(({ label, href }) => (
              <li>
                {href === null
                  ? <span class="nav-soon" title="준비 중">{label}</span>
                  : (
                    <a href={href} aria-current={url.pathname === href ? "page" : undefined}>
                      {label}
                    </a>
                  )}
              </li>
            ))}
          </ul>
        </nav>
      </header>
      <main>
        <Component />
      </main>
      <footer class="footer">
        <span>여의도 v{VERSION}</span>
        <span>한국어 · English (준비 중)</span>
      </footer>
    </div>
  );
});
