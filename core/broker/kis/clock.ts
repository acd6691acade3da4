/** Time as the KIS client sees it; tests pass their own. */
export interface Clock {
  /** Milliseconds since the Unix epoch. */
  now(): number;
  /** Resolves after `ms` milliseconds of this clock's time. */
  sleep(ms: number): Promise<void>;
}

/** The wall clock with real timers. */
export const systemClock: Clock = {
  now: () => Date.now(),
  sleep: (ms) => new Promise((resolve) => setTimeout(resolve, Math.max(0, ms))),
};

const KST_OFFSET_MS = 9 * 60 * 60 * 1000;

/** The Asia/Seoul wall-clock fields of an instant (UTC+9, no DST). */
export function kstParts(epochMs: number): { date: string; compactDate: string; hhmmss: string } {
  const iso = new Date(epochMs + KST_OFFSET_MS).toISOString();
  const date = iso.slice(0, 10);
  return {
    date,
    compactDate: date.replaceAll("-", ""),
    hhmmss: iso.slice(11, 19).replaceAll(":", ""),
  };
}

/** The instant of a KST wall-clock time `YYYY-MM-DD HH:MM:SS`, as KIS writes token expiry. */
export function parseKstDateTime(text: string): number {
  const match = /^(\d{4})-(\d{2})-(\d{2}) (\d{2}):(\d{2}):(\d{2})$/.exec(text);
  if (!match) throw new RangeError(`not a KST date-time "YYYY-MM-DD HH:MM:SS": "${text}"`);
  const [, y, mo, d, h, mi, s] = match.map(Number) as [number, ...number[]];
  return Date.UTC(y!, mo! - 1, d!, h!, mi!, s!) - KST_OFFSET_MS;
}
