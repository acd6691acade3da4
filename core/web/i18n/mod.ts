/**
 * The dashboard's languages: Korean by default, English on request. `?lang=` switches (and is
 * remembered in the `lang` cookie), else the cookie, else Korean.
 * @module
 */
import { en } from "./en.ts";
import { ko, type Messages } from "./ko.ts";

export type { Messages } from "./ko.ts";

/** The languages the dashboard speaks. */
export const LANGUAGES = ["ko", "en"] as const;

/** A language the dashboard speaks. */
export type Lang = (typeof LANGUAGES)[number];

/** The cookie that remembers the reader's language. */
export const LANG_COOKIE = "lang";

const TABLES: Readonly<Record<Lang, Messages>> = { ko, en };

/** The message table of `lang`. */
export function messages(lang: Lang): Messages {
  return TABLES[lang];
}

function isLang(value: string | null | undefined): value is Lang {
  return value === "ko" || value === "en";
}

/** The `?lang=` of `url` when it names a language, else null. */
export function langFromQuery(url: URL): Lang | null {
  const value = url.searchParams.get("lang");
  return isLang(value) ? value : null;
}

/**
 * The language of a request: `?lang=`, then the `lang` cookie, then Korean.
 * @example langOf(new Request("http://x/?lang=en")) // "en"
 */
export function langOf(req: Request): Lang {
  const fromQuery = langFromQuery(new URL(req.url));
  if (fromQuery) return fromQuery;
  const cookie = req.headers.get("cookie") ?? "";
  const match = /(?:^|;\s*)lang=([^;]*)/.exec(cookie);
  return isLang(match?.[1]) ? match[1] : "ko";
}

/** The `Set-Cookie` value that remembers `lang` for a year, on every path. */
export function langCookie(lang: Lang): string {
  return `${LANG_COOKIE}=${lang}; Path=/; Max-Age=31536000; SameSite=Lax`;
}

/** `url` with `?lang=` set to `lang`, the rest of its query kept (the footer's toggle). */
export function withLang(url: URL, lang: Lang): string {
  const params = new URLSearchParams(url.search);
  params.set("lang", lang);
  return `${url.pathname}?${params}`;
}
