/**
 * How the dashboard writes money, percentages and times: KRW as `₩1,234,567`, percentages with
 * their sign, and gains and losses told apart by colour in the Korean convention (red up, blue
 * down). Built on the report's exact integer formats.
 * @module
 */
import { kstDateTime } from "../krx/mod.ts";
import { formatBasisPoints, formatSignedWon, formatWon, toneOf } from "../report/format.ts";

/**
 * Whole won as `₩1,234,567` (a fractional amount, such as an average cost, is rounded).
 * @example formatKrw(-22801) // "-₩22,801"
 */
export function formatKrw(won: number): string {
  return formatWon(Math.round(won), "en");
}

/** {@link formatKrw} with a `+` on gains. */
export function formatSignedKrw(won: number): string {
  return formatSignedWon(Math.round(won), "en");
}

/**
 * Basis points as a percentage with two decimals, with a `+` on gains when `signed`; `–` for null.
 * @example formatPercent(125, true) // "+1.25%"
 */
export function formatPercent(bp: number | null, signed = false): string {
  return formatBasisPoints(bp, signed);
}

/** The CSS class that colours a signed amount: `up` red, `down` blue, `flat` plain. */
export function toneClass(n: number | null): "up" | "down" | "flat" {
  const tone = toneOf(n);
  return tone === "gain" ? "up" : tone === "loss" ? "down" : "flat";
}

/** An instant (epoch ms) as `YYYY-MM-DD HH:MM:SS` on the Seoul clock. */
export function formatKst(at: number): string {
  return kstDateTime(at);
}
