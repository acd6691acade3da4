/**
 * The redaction layer every log line passes through: fields named like secrets are masked whole,
 * and text is scrubbed of registered secret values and of shapes that are always credentials
 * (JWTs, bearer tokens, Telegram bot tokens, Slack webhook paths, tokens in query strings).
 * @module
 */

/** What a masked value reads as. */
export const REDACTED = "[redacted]";

/** Field names whose values are never logged, whatever they hold. */
const SECRET_FIELD =
  /pass(word)?|secret|token|authori[sz]ation|cookie|api[-_]?key|app[-_]?key|credential|webhook|signature|^jwt$/i;

/** Text shapes that are credentials wherever they appear. */
const SECRET_SHAPES: readonly RegExp[] = [
  // A JWT (header.payload.signature, both JSON parts base64url of "{").
  /eyJ[A-Za-z0-9_-]+\.eyJ[A-Za-z0-9_-]+\.[A-Za-z0-9_-]*/g,
  // An Authorization header's credentials.
  /\b((?:Bearer|Basic)\s+)[A-Za-z0-9._~+/=-]{8,}/gi,
  // A Telegram bot token (bot id, colon, 35 characters).
  /(?<!\d)\d{6,12}:[A-Za-z0-9_-]{30,}/g,
  // A Slack incoming-webhook path.
  /hooks\.slack\.com\/services\/[A-Za-z0-9/_-]+/g,
  // A credential in a query string.
  /([?&](?:access_token|refresh_token|token|key|secret|appsecret|appkey|signature)=)[^&#\s"]+/gi,
];

/** How {@link maskSecret} writes a secret: `unset`, or `set` with at most its last four characters. */
const MASKED = /^(unset|set \(\*{4}[^\s()]{0,4}\))$/;

/** Secrets shorter than this show no characters at all when masked. */
const SHOW_TAIL_FROM = 16;

/**
 * How a start-up line shows a secret: `unset`, or `set (****wxyz)` with its last four characters
 * (none for a secret under sixteen), never the value. The redaction layer lets this form through a
 * secret-named field, and masks anything else there.
 *
 * @example maskSecret("0123456789abcdef0123") // "set (****0123)"
 */
export function maskSecret(value: string | undefined): string {
  if (value === undefined || value === "") return "unset";
  return `set (****${value.length >= SHOW_TAIL_FROM ? value.slice(-4) : ""})`;
}

const registered = new Set<string>();

/** Secrets shorter than this are not registered: masking them would garble ordinary text. */
export const MIN_SECRET_LENGTH = 8;

/**
 * Masks `value` in every later log line (e.g. a KIS app secret read from the environment).
 * Returns false, and registers nothing, for values shorter than {@link MIN_SECRET_LENGTH}.
 */
export function registerSecret(value: string): boolean {
  if (value.length < MIN_SECRET_LENGTH) return false;
  registered.add(value);
  return true;
}

/** Names of environment variables that hold secrets. */
const SECRET_ENV_NAME = /SECRET|PASSWORD|TOKEN|APP_KEY|API_KEY|WEBHOOK|_URL_WITH_TOKEN/;

/**
 * Registers the value of every variable in `env` whose name says it is a secret; returns the names.
 * A value that is a URL also registers its path, query and password on their own: an error page
 * quotes the request line (`POST /hook/<token>`) without the host.
 */
export function registerSecretsFromEnv(env: Record<string, string | undefined>): string[] {
  const names: string[] = [];
  for (const [name, value] of Object.entries(env)) {
    if (value !== undefined && SECRET_ENV_NAME.test(name) && registerSecret(value)) {
      urlParts(value).forEach(registerSecret);
      names.push(name);
    }
  }
  return names;
}

/** The parts of an http(s) URL that may carry its token; none for any other text. */
function urlParts(value: string): string[] {
  if (!/^https?:\/\//i.test(value) || !URL.canParse(value)) return [];
  const url = new URL(value);
  return [url.pathname + url.search, url.pathname, url.search, decodeURIComponent(url.password)];
}

/**
 * `text` with every occurrence of each of `secrets` replaced by {@link REDACTED}, longest first
 * so a secret containing another is replaced whole.
 *
 * @example redactText("POST https://x/bot123:abc failed", ["123:abc"]) // "POST https://x/bot[redacted] failed"
 */
export function redactText(text: string, secrets: Iterable<string>): string {
  let out = text;
  for (const secret of [...secrets].sort((a, b) => b.length - a.length)) {
    if (secret.length > 0) out = out.replaceAll(secret, REDACTED);
  }
  return out;
}

/** `text` without registered secrets and without credential shapes. */
export function scrub(text: string): string {
  let out = registered.size > 0 ? redactText(text, registered) : text;
  for (const shape of SECRET_SHAPES) {
    out = out.replace(
      shape,
      (_match, prefix) => typeof prefix === "string" ? `${prefix}${REDACTED}` : REDACTED,
    );
  }
  return out;
}

const MAX_DEPTH = 8;

/**
 * A copy of `value` fit for a log line: secret-named fields masked, strings scrubbed, errors as
 * `{ name, message, stack }` (scrubbed too), nesting cut at eight levels and cycles marked.
 */
export function redactValue(value: unknown): unknown {
  return walk(value, 0, new WeakSet());
}

function walk(value: unknown, depth: number, seen: WeakSet<object>): unknown {
  if (typeof value === "string") return scrub(value);
  if (typeof value === "bigint") return value.toString();
  if (value === null || typeof value !== "object") return value;
  if (seen.has(value)) return "[cycle]";
  if (depth >= MAX_DEPTH) return "[nested too deep]";
  seen.add(value);
  try {
    if (value instanceof Error) {
      const out: Record<string, unknown> = { name: value.name, message: scrub(value.message) };
      if (value.stack) out.stack = scrub(value.stack);
      if (value.cause !== undefined) out.cause = walk(value.cause, depth + 1, seen);
      return out;
    }
    if (value instanceof Date) return value.toISOString();
    if (Array.isArray(value)) return value.map((item) => walk(item, depth + 1, seen));
    const toJSON = (value as { toJSON?: unknown }).toJSON;
    if (typeof toJSON === "function") return walk(toJSON.call(value), depth + 1, seen);
    const out: Record<string, unknown> = {};
    for (const [key, item] of Object.entries(value)) {
      // Only text is masked by name: `tokenExpiresAt: 1700000000000` or `secretCount: 2` are not secrets.
      out[key] = SECRET_FIELD.test(key) && typeof item === "string" && item !== "" &&
          !MASKED.test(item)
        ? REDACTED
        : walk(item, depth + 1, seen);
    }
    return out;
  } finally {
    seen.delete(value);
  }
}
