/**
 * The reader's colour convention for gains and losses: Korean red up and blue down by default, or
 * green up and red down. `?colors=` switches (and is remembered in the `colors` cookie), else the
 * cookie, else red up; the page's root element carries `colors-<convention>`, which the stylesheet
 * reads for `.up`, `.down` and the live prices' flash.
 * @module
 */

/** The conventions, the default first. */
export const COLOR_CONVENTIONS = ["red-up", "green-up"] as const;

/** A colour convention for gains and losses. */
export type ColorConvention = (typeof COLOR_CONVENTIONS)[number];

/** The cookie that remembers the reader's convention. */
export const COLORS_COOKIE = "colors";

function isConvention(value: string | null | undefined): value is ColorConvention {
  return value === "red-up" || value === "green-up";
}

/** The `?colors=` of `url` when it names a convention, else null. */
export function colorsFromQuery(url: URL): ColorConvention | null {
  const value = url.searchParams.get(COLORS_COOKIE);
  return isConvention(value) ? value : null;
}

/**
 * The convention of a request: `?colors=`, then the `colors` cookie, then red up.
 * @example colorsOf(new Request("http://x/?colors=green-up")) // "green-up"
 */
export function colorsOf(req: Request): ColorConvention {
  const fromQuery = colorsFromQuery(new URL(req.url));
  if (fromQuery) return fromQuery;
  const match = /(?:^|;\s*)colors=([^;]*)/.exec(req.headers.get("cookie") ?? "");
  return isConvention(match?.[1]) ? match[1] : "red-up";
}

/** The `Set-Cookie` value that remembers `convention` for a year, on every path. */
export function colorsCookie(convention: ColorConvention): string {
  return `${COLORS_COOKIE}=${convention}; Path=/; Max-Age=31536000; SameSite=Lax`;
}

/** `url` with `?colors=` set to `convention`, the rest of its query kept (the footer's toggle). */
export function withColors(url: URL, convention: ColorConvention): string {
  const params = new URLSearchParams(url.search);
  params.set(COLORS_COOKIE, convention);
  return `${url.pathname}?${params}`;
}
