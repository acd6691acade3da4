/**
 * Structured logging: one JSON object per line, `info` and below to stdout, `warn` and `error` to
 * stderr.
 * @module
 */

/** Log severity, lowest first. */
export type LogLevel = "debug" | "info" | "warn" | "error";

/** Extra fields merged into a log line. */
export type LogFields = Record<string, unknown>;

/** Writes one structured log line. */
export function log(level: LogLevel, message: string, fields: LogFields = {}): void {
  const line = JSON.stringify({
    time: new Date().toISOString(),
    level,
    msg: message,
    ...serializeFields(fields),
  });
  // deno-lint-ignore no-console
  if (level === "warn" || level === "error") console.error(line);
  // deno-lint-ignore no-console
  else console.log(line);
}

function serializeFields(fields: LogFields): LogFields {
  const out: LogFields = {};
  for (const [key, value] of Object.entries(fields)) {
    out[key] = value instanceof Error
      ? { name: value.name, message: value.message, stack: value.stack }
      : value;
  }
  return out;
}
