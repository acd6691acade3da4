import { appServices } from "@/core/runtime/current.ts";
import { VERSION } from "@/core/version.ts";
import { LANGUAGES, withLang } from "@/core/web/i18n/mod.ts";
import { define } from "../utils.ts";
import { textOf } from "./(_components)/text.ts";

/** The built pages, in the order of the main navigation. */
const NAV = [
  ["portfolio", "/"],
  ["orders", "/orders"],
  ["alerts", "/alerts"],
  ["strategies", "/strategies"],
  ["health", "/health"],
  ["about", "/about"],
] as const;

/** Each language's name in itself, for the toggle. */
const LANGUAGE_NAMES = { ko: "한국어", en: "English" } as const;

export default define.layout(function Layout({ Component, url, req }) {
  const services = appServices();
  const { lang, t } = textOf(req);
  return (
    <div class="shell">
      <a class="skip-link" href="#content">{t.skipToContent}</a>
      <header class="topbar">
        <a class="brand" href="/">
          <span class="brand-mark">여의도</span>
          <span class="brand-sub">Yeouido</span>
        </a>
        {services?.mode === "demo" && (
          <span class="market-badge" data-testid="market-badge" title={t.demoBadgeTitle}>
            {services.label}
          </span>
        )}
        <nav aria-label={t.nav.label}>
          <ul>
            {NAV.map(([key, href]) => (
              <li>
                <a href={href} aria-current={url.pathname === href ? "page" : undefined}>
                  {t.nav[key]}
                </a>
              </li>
            ))}
          </ul>
        </nav>
      </header>
      <main id="content">
        <Component />
      </main>
      <footer class="footer">
        <span>{t.footer.version(VERSION)}</span>
        <nav aria-label={t.footer.language} class="lang-toggle">
          {LANGUAGES.map((code) =>
            code === lang
              ? <span key={code} aria-current="true" lang={code}>{LANGUAGE_NAMES[code]}</span>
              : (
                <a key={code} href={withLang(url, code)} lang={code} hrefLang={code}>
                  {LANGUAGE_NAMES[code]}
                </a>
              )
          )}
        </nav>
      </footer>
    </div>
  );
});
