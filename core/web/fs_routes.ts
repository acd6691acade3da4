/**
 * Fresh's file-system routing rules as pure functions: which files count, what URL pattern a file
 * serves, and the order in which patterns are tried.
 * @module
 */

/** What a file under `routes/` is. */
export type RouteFileKind = "app" | "layout" | "middleware" | "notFound" | "error" | "route";

/** A file under `routes/`, classified. */
export interface RouteFile {
  /** Path relative to `routes/`, with forward slashes, e.g. `blog/[slug].tsx`. */
  readonly file: string;
  readonly kind: RouteFileKind;
  /** The folder the file sits in (groups included), e.g. `(admin)/users`; `""` for the root. */
  readonly folder: string;
  /** The URLPattern pathname for a `route`, e.g. `/blog/:slug`; `""` for special files. */
  readonly pattern: string;
}

const SOURCE_FILE = /\.(tsx|jsx|ts|js)$/;
const TEST_FILE = /[._]test\.(tsx|jsx|ts|js)$/;
const SPECIAL: Record<string, RouteFileKind> = {
  _app: "app",
  _layout: "layout",
  _middleware: "middleware",
  _404: "notFound",
  _500: "error",
  _error: "error",
};

/** Whether a file under `routes/` (or `islands/`) takes part: source files, not tests, not in `(_private)` folders. */
export function isRoutableFile(file: string): boolean {
  if (!SOURCE_FILE.test(file) || TEST_FILE.test(file)) return false;
  return !file.split("/").slice(0, -1).some((dir) => dir.startsWith("(_"));
}

/**
 * Classifies a file under `routes/` and derives its URL pattern.
 * @example
 * ```ts
 * classifyRouteFile("blog/[slug].tsx").pattern; // "/blog/:slug"
 * classifyRouteFile("(shop)/cart/index.tsx").pattern; // "/cart"
 * ```
 */
export function classifyRouteFile(file: string): RouteFile {
  const parts = file.split("/");
  const base = (parts.pop() ?? "").replace(SOURCE_FILE, "");
  const folder = parts.join("/");
  const kind = SPECIAL[base];
  if (kind !== undefined) {
    if (kind === "app" && folder !== "") {
      throw new Error(`routes/${file}: _app must be at the root`);
    }
    return { file, kind, folder, pattern: "" };
  }
  if (base.startsWith("_")) {
    throw new Error(`routes/${file}: unknown special file "${base}"`);
  }
  const segments = [...parts.filter((dir) => !isGroup(dir)), base];
  if (segments.at(-1) === "index") segments.pop();
  const pattern = "/" +
    segments.map((segment, i) => segmentPattern(segment, file, i === segments.length - 1)).join(
      "/",
    );
  return { file, kind: "route", folder, pattern };
}

/**
 * Refuses special files this layer would otherwise ignore or let overwrite each other: a `_404`
 * below the root (Fresh 2 has one not-found page), and two files of one kind in one folder
 * (`_500` next to `_error`, or `_layout.ts` next to `_layout.tsx`).
 * @throws {Error} naming the files and what to do instead.
 */
export function checkSpecialFiles(files: readonly RouteFile[]): void {
  const seen = new Map<string, string>();
  for (const { file, kind, folder } of files) {
    if (kind === "route") continue;
    if (kind === "notFound" && folder !== "") {
      throw new Error(
        `routes/${file}: _404 is allowed only at the root of routes/ (Fresh 2 has one not-found ` +
          `page); for this folder's own error page use _error and check error.status`,
      );
    }
    const key = `${kind} in ${folder}`;
    const other = seen.get(key);
    if (other !== undefined) {
      throw new Error(
        `routes/${other} and routes/${file} are both the ${SPECIAL_NAME[kind]} of ` +
          `routes/${folder}: keep one` +
          (kind === "error" ? " (_error is Fresh 2's name)" : ""),
      );
    }
    seen.set(key, file);
  }
}

const SPECIAL_NAME: Record<Exclude<RouteFileKind, "route">, string> = {
  app: "_app",
  layout: "_layout",
  middleware: "_middleware",
  notFound: "_404 page",
  error: "error page",
};

function isGroup(dir: string): boolean {
  return dir.startsWith("(") && dir.endsWith(")");
}

const REST_SEGMENT = /^\[\.\.\.([A-Za-z_$][\w$]*)\]$/;
const PARAM = /\[([A-Za-z_$][\w$]*)\]/g;

function segmentPattern(segment: string, file: string, last: boolean): string {
  const rest = REST_SEGMENT.exec(segment);
  if (rest) {
    if (!last) throw new Error(`routes/${file}: [...${rest[1]}] must be the last segment`);
    return `:${rest[1]}*`;
  }
  if (segment.includes("][")) {
    throw new Error(`routes/${file}: two params side by side in "${segment}"`);
  }
  let out = "";
  let from = 0;
  for (const match of segment.matchAll(PARAM)) {
    out += escapeLiteral(segment.slice(from, match.index)) + `:${match[1]}`;
    from = match.index + match[0].length;
  }
  out += escapeLiteral(segment.slice(from));
  if (/[[\]]/.test(out.replace(/\\./g, ""))) {
    throw new Error(`routes/${file}: malformed segment "${segment}"`);
  }
  return out;
}

function escapeLiteral(text: string): string {
  return text.replace(/[\\:*+?(){}]/g, (c) => `\\${c}`);
}

/** How specific one pattern segment is: literal > literal with params > param > rest. */
function segmentScore(segment: string): number {
  if (segment.endsWith("*") && segment.startsWith(":")) return 0;
  if (/^:[\w$]+$/.test(segment)) return 1;
  return segment.includes(":") ? 2 : 3;
}

/**
 * Orders route patterns so the first match is the most specific: static before dynamic, segment by
 * segment from the left, then the longer pattern first.
 */
export function compareRoutePatterns(a: string, b: string): number {
  const sa = a.split("/").slice(1);
  const sb = b.split("/").slice(1);
  for (let i = 0; i < Math.min(sa.length, sb.length); i++) {
    const diff = segmentScore(sb[i]!) - segmentScore(sa[i]!);
    if (diff !== 0) return diff;
  }
  if (sa.length !== sb.length) {
    // `/old/:rest*` also matches `/old`, so the exact `/old` must come first.
    const longer = sa.length > sb.length ? sa : sb;
    const longerFirst = segmentScore(longer[Math.min(sa.length, sb.length)]!) !== 0;
    return (longer === sa) === longerFirst ? -1 : 1;
  }
  return a < b ? -1 : a > b ? 1 : 0;
}

/** The folders from the root down to `folder`, e.g. `"a/b"` → `["", "a", "a/b"]`. */
export function folderChain(folder: string): string[] {
  if (folder === "") return [""];
  const parts = folder.split("/");
  return ["", ...parts.map((_, i) => parts.slice(0, i + 1).join("/"))];
}

/**
 * The literal text every pathname `pattern` matches starts with, for skipping patterns cheaply
 * before running them: the pattern up to its first syntax character, cut back to the slash before
 * it (a parameter's leading slash goes with the parameter: `/docs/:rest*` matches `/docs`); ""
 * when that text holds a character URL patterns would encode.
 * @example
 * ```ts
 * literalStart("/api/:path*"); // "/api"
 * literalStart("/orders"); // "/orders"
 * literalStart("/:slug"); // ""
 * ```
 */
export function literalStart(pattern: string): string {
  const special = pattern.search(/[:*(){}?+\\]/);
  const literal = special === -1 ? pattern : pattern.slice(0, pattern.lastIndexOf("/", special));
  return /^[A-Za-z0-9\-._~/]*$/.test(literal) ? literal : "";
}

/**
 * The name of the rest parameter when `pattern` is literal text followed by one (`/api/:path*` →
 * `path`), so {@link matchRest} can match it by comparing text; undefined for other patterns.
 */
export function restParamName(pattern: string): string | undefined {
  const literal = literalStart(pattern);
  if (literal === "" || literal === "/") return undefined;
  return /^\/:([A-Za-z_][A-Za-z0-9_]*)\*$/.exec(pattern.slice(literal.length))?.[1];
}

// Segments of unreserved characters, no "." or ".." among them: a URL pattern takes these as they
// are, so comparing text gives the pattern's own answer.
const PLAIN_SEGMENTS =
  /^(?!\.\.?(?:\/|$))[A-Za-z0-9\-._~]+(?:\/(?!\.\.?(?:\/|$))[A-Za-z0-9\-._~]+)*$/;

/**
 * What a `literal/:name*` pattern ({@link restParamName}) gives `pathname` without running it: the
 * rest parameter ("" when the path is the literal itself), null when the pattern cannot match, or
 * undefined when the rest holds anything but plain segments (run the pattern then).
 * @example
 * ```ts
 * matchRest("/api", "/api/v1/portfolio"); // "v1/portfolio"
 * matchRest("/api", "/apis"); // null
 * ```
 */
export function matchRest(literal: string, pathname: string): string | null | undefined {
  if (pathname === literal) return "";
  if (!pathname.startsWith(`${literal}/`)) return null;
  const rest = pathname.slice(literal.length + 1);
  return PLAIN_SEGMENTS.test(rest) ? rest : undefined;
}
