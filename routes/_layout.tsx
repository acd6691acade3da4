import { appServices } from "@/core/runtime/current.ts";
import { VERSION } from "@/core/version.ts";
import { COLOR_CONVENTIONS, colorsOf, withColors } from "@/core/web/colors.ts";
import { LANGUAGES, withLang } from "@/core/web/i18n/mod.ts";
import { define } from "../utils.ts";
import { sessionOf } from "./(_components)/session.ts";
import { textOf } from "./(_components)/text.ts";

/** The built pages, in the order of the main navigation. */
const NAV = [
  ["portfolio", "/"],
  ["orders", "/orders"],
  ["alerts", "/alerts"],
  ["strategies", "/strategies"],
  ["backtest", "/backtest"],
  ["rebalancing", "/rebalancing"],
  ["reports", "/reports"],
  ["settings", "/settings"],
  ["health", "/health"],
  ["about", "/about"],
] as const;

/** Each language's name in itself, for the toggle. */
const LANGUAGE_NAMES = { ko: "한국어", en: "English" } as const;

export default define.layout(function Layout({ Component, url, req, state }) {
  const services = appServices();
  const session = sessionOf(state);
  const { lang, t } = textOf(req);
  const colors = colorsOf(req);
  // The sign-in page has no menu: every page behind it would send the browser back.
  const showNav = session !== null || services === undefined;
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
        {showNav && (
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
        )}
        {session && (
          <form
            class="user-box"
            method="post"
            action="/api/v1/auth/browser/logout"
            data-testid="user-box"
          >
            <span>
              {t.session.signedInAs(session.username, t.session.role[session.role])}
            </span>
            <input type="hidden" name="csrf" value={session.csrf} />
            <button type="submit" class="link-button">{t.session.signOut}</button>
          </form>
        )}
      </header>
      {session?.killSwitch.on && (
        <p class="kill-banner" role="alert" data-testid="kill-banner">
          {t.session.killBanner(session.killSwitch.reason, session.killSwitch.by)}{" "}
          {url.pathname !== "/settings" && (
            <a href="/settings#kill-switch">{t.session.killBannerLink}</a>
          )}
        </p>
      )}
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
        <nav aria-label={t.footer.colors} class="lang-toggle" data-testid="colors-toggle">
          {COLOR_CONVENTIONS.map((code) =>
            code === colors
              ? <span key={code} aria-current="true">{t.footer.colorNames[code]}</span>
              : <a key={code} href={withColors(url, code)}>{t.footer.colorNames[code]}</a>
          )}
        </nav>
      </footer>
    </div>
  );
});
