/**
 * Korean-market number formats: won as ₩1,234,567, percentages with their sign, and the colours
 * of a rise (red) and a fall (blue).
 * @module
 */

/** Colour of a rise, as Korean quote screens show it. */
export const UP_COLOR = "#d32f2f";
/** Colour of a fall. */
export const DOWN_COLOR = "#1565c0";
/** Colour of no change. */
export const FLAT_COLOR = "#555555";

/** How a value is shown: won, a fraction as a percentage (signed or not), a plain number or ratio. */
export type ValueFormat = "krw" | "percent" | "signedPercent" | "number" | "ratio" | "text";

const GROUPED = new Intl.NumberFormat("en-US", { maximumFractionDigits: 0 });

/**
 * Whole won with thousands separators; the sign goes before the ₩.
 * @example
 * formatKrw(-1234567.4) // "-₩1,234,567"
 */
export function formatKrw(won: number): string {
  const rounded = Math.round(won);
  return `${rounded < 0 ? "-" : ""}₩${GROUPED.format(Math.abs(rounded))}`;
}

/**
 * A fraction as a percentage with `digits` decimals; `signed` puts + before a rise.
 * @example
 * formatPercent(0.1234, { signed: true }) // "+12.34%"
 */
export function formatPercent(
  fraction: number,
  { digits = 2, signed = false }: { digits?: number; signed?: boolean } = {},
): string {
  const text = (fraction * 100).toFixed(digits);
  const zero = Number(text) === 0;
  const body = zero ? (0).toFixed(digits) : text;
  return `${signed && !zero && fraction > 0 ? "+" : ""}${body}%`;
}

/**
 * `value` shown in `format`; `null`, `undefined` and non-finite numbers show as "–", objects as
 * JSON.
 */
export function formatValue(value: unknown, format: ValueFormat): string {
  if (value === null || value === undefined) return "–";
  if (typeof value === "object") return JSON.stringify(value);
  if (typeof value !== "number") return String(value);
  if (!Number.isFinite(value)) return "–";
  switch (format) {
    case "krw":
      return formatKrw(value);
    case "percent":
      return formatPercent(value);
    case "signedPercent":
      return formatPercent(value, { signed: true });
    case "ratio":
      return value.toFixed(2);
    case "number":
      return Number.isInteger(value) ? GROUPED.format(value) : value.toFixed(2);
    case "text":
      return String(value);
  }
}

/** Red for a rise, blue for a fall, grey for none (or no value). */
export function changeColor(change: number | null | undefined): string {
  if (change === null || change === undefined || !Number.isFinite(change) || change === 0) {
    return FLAT_COLOR;
  }
  return change > 0 ? UP_COLOR : DOWN_COLOR;
}
