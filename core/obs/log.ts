/**
 * Structured logging: one JSON object per line (or one readable line with `format: "pretty"`),
 * `info` and below to stdout, `warn` and `error` to stderr. Every line passes the redaction layer
 * (core/obs/redact.ts), and carries the fields of the context it was written in — a request id,
 * an account, an order id — set with {@link withLogContext}.
 * @module
 */
import { AsyncLocalStorage } from "node:async_hooks";
import { redactValue } from "./redact.ts";

/** Log severity, lowest first. */
export type LogLevel = "debug" | "info" | "warn" | "error";

/** Extra fields merged into a log line. */
export type LogFields = Record<string, unknown>;

/** How lines are written: JSON for machines (the default), or one readable line for a terminal. */
export type LogFormat = "json" | "pretty";

const LEVELS: readonly LogLevel[] = ["debug", "info", "warn", "error"];

/** Where a finished line goes; the default writes warnings and errors to stderr, the rest to stdout. */
export type LogWriter = (line: string, level: LogLevel) => void;

interface LogSettings {
  format: LogFormat;
  level: LogLevel;
  write: LogWriter;
}

/** The default writer: `warn` and `error` to stderr, everything else to stdout. */
export const consoleWriter: LogWriter = (line, level) => {
  // deno-lint-ignore no-console
  if (level === "warn" || level === "error") console.error(line);
  // deno-lint-ignore no-console
  else console.log(line);
};

const settings: LogSettings = { format: "json", level: "debug", write: consoleWriter };
const context = new AsyncLocalStorage<LogFields>();

/** Sets the format, the lowest level written and the writer (defaults: JSON, everything, console). */
export function configureLog(options: Partial<LogSettings>): void {
  Object.assign(settings, options);
}

/**
 * Runs `fn` with `fields` added to every line it (and everything it awaits) logs; contexts nest,
 * inner fields winning.
 *
 * @example withLogContext({ requestId }, () => handle(request))
 */
export function withLogContext<T>(fields: LogFields, fn: () => T): T {
  return context.run({ ...context.getStore(), ...fields }, fn);
}

/** Writes one structured log line, redacted. */
export function log(level: LogLevel, message: string, fields: LogFields = {}): void {
  if (LEVELS.indexOf(level) < LEVELS.indexOf(settings.level)) return;
  const record = redactValue({
    time: new Date().toISOString(),
    level,
    msg: message,
    ...context.getStore(),
    ...fields,
  }) as LogFields;
  settings.write(
    settings.format === "pretty" ? prettyLine(record) : JSON.stringify(record),
    level,
  );
}

/** `09:00:01.234 INFO  message key=value …` for a terminal. */
function prettyLine(record: LogFields): string {
  const { time, level, msg, ...rest } = record;
  const clock = String(time).slice(11, 23);
  const fields = Object.entries(rest).map(([key, value]) =>
    `${key}=${typeof value === "string" ? value : JSON.stringify(value)}`
  );
  return [clock, String(level).toUpperCase().padEnd(5), msg, ...fields].join(" ");
}
