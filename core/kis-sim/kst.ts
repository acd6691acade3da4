const KST_OFFSET_MS = 9 * 3_600_000;

function parts(instant: Date): string[] {
  const iso = new Date(instant.getTime() + KST_OFFSET_MS).toISOString();
  return [
    iso.slice(0, 4),
    iso.slice(5, 7),
    iso.slice(8, 10),
    iso.slice(11, 13),
    iso.slice(14, 16),
    iso.slice(17, 19),
  ];
}

/** `YYYYMMDD` of `instant` in Asia/Seoul. */
export function kstCompactDate(instant: Date): string {
  return parts(instant).slice(0, 3).join("");
}

/** `HHMMSS` of `instant` in Asia/Seoul. */
export function kstCompactTime(instant: Date): string {
  return parts(instant).slice(3).join("");
}

/** `YYYY-MM-DD HH:MM:SS` in Asia/Seoul, as KIS writes token expiry. */
export function kstDateTime(instant: Date): string {
  const [y, mo, d, h, mi, s] = parts(instant);
  return `${y}-${mo}-${d} ${h}:${mi}:${s}`;
}

/** The instant of `hh:mm:ss` KST on the KST calendar day `isoDate` (`YYYY-MM-DD`). */
export function kstInstant(isoDate: string, hh: number, mm = 0, ss = 0): Date {
  const midnightUtc = Date.parse(`${isoDate}T00:00:00Z`);
  return new Date(midnightUtc - KST_OFFSET_MS + ((hh * 60 + mm) * 60 + ss) * 1000);
}

/** `YYYYMMDD` → `YYYY-MM-DD` (no calendar validation). */
export function dashedDate(compact: string): string {
  return `${compact.slice(0, 4)}-${compact.slice(4, 6)}-${compact.slice(6, 8)}`;
}

/** `YYYY-MM-DD` → `YYYYMMDD`. */
export function compactDate(iso: string): string {
  return iso.replaceAll("-", "");
}
