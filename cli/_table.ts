/**
 * Plain-text tables for terminals: columns aligned by display width (a Hangul syllable takes two
 * cells), numbers right-aligned with thousands separators.
 * @module
 */

/** A table cell: text as it is, or a number shown with thousands separators. */
export type Cell = string | number;

// East Asian Wide and Fullwidth ranges (Unicode UAX #11) that terminals draw two cells wide.
const WIDE = [
  [0x1100, 0x115f], // Hangul Jamo initial consonants
  [0x2e80, 0x303e], // CJK radicals, Kangxi, CJK symbols and punctuation
  [0x3041, 0x33ff], // kana, Hangul compatibility Jamo, CJK compatibility
  [0x3400, 0x4dbf], // CJK extension A
  [0x4e00, 0x9fff], // CJK unified ideographs
  [0xa000, 0xa4cf], // Yi
  [0xa960, 0xa97f], // Hangul Jamo extended A
  [0xac00, 0xd7a3], // Hangul syllables
  [0xf900, 0xfaff], // CJK compatibility ideographs
  [0xfe30, 0xfe4f], // CJK compatibility forms
  [0xff00, 0xff60], // fullwidth forms
  [0xffe0, 0xffe6], // fullwidth signs
  [0x1f300, 0x1f64f], // pictographs and emoticons
  [0x20000, 0x3fffd], // CJK extensions B and later
] as const;

/**
 * How many terminal cells `text` takes: two for East Asian wide characters, none for combining
 * marks, one for the rest.
 * @example
 * ```ts
 * displayWidth("삼성전자"); // 8
 * ```
 */
export function displayWidth(text: string): number {
  let width = 0;
  for (const char of text) {
    const code = char.codePointAt(0)!;
    if (/\p{Mn}|\p{Me}|\u200b/u.test(char)) continue;
    width += WIDE.some(([low, high]) => code >= low && code <= high) ? 2 : 1;
  }
  return width;
}

/** Formats a number with thousands separators and at most `digits` decimals (default 0). */
export function formatNumber(value: number, digits = 0): string {
  return value.toLocaleString("en-US", { maximumFractionDigits: digits });
}

const NUMERIC = /^[-+]?[\d,.]+%?$/;

/**
 * Lays out a header, a rule and rows; columns holding numbers are right-aligned, the rest
 * left-aligned.
 * @example
 * ```ts
 * table(["symbol", "name"], [["005930", "삼성전자"]]);
 * ```
 */
export function table(headers: readonly string[], rows: readonly (readonly Cell[])[]): string {
  const cells = rows.map((row) =>
    row.map((cell) => typeof cell === "number" ? formatNumber(cell) : cell)
  );
  const widths = headers.map((header, column) =>
    Math.max(displayWidth(header), ...cells.map((row) => displayWidth(row[column] ?? "")))
  );
  // A column with numbers is right-aligned as a whole, header and words ("market") included.
  const right = headers.map((_, column) => cells.some((row) => NUMERIC.test(row[column] ?? "")));
  const pad = (cell: string, column: number) => {
    const gap = " ".repeat(widths[column]! - displayWidth(cell));
    return right[column] ? gap + cell : cell + gap;
  };
  const line = (row: readonly string[]) => row.map(pad).join("  ").trimEnd();
  return [line(headers), widths.map((w) => "-".repeat(w)).join("  "), ...cells.map(line)]
    .join("\n");
}
