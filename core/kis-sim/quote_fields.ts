/** KIS `prdy_vrss_sign`: 1 upper limit, 2 up, 3 unchanged, 4 lower limit, 5 down. */
export function changeSign(last: number, base: number, upper: number, lower: number): string {
  if (last === base) return "3";
  if (last > base) return last >= upper ? "1" : "2";
  return last <= lower ? "4" : "5";
}

/** Percentage change from `base`, two decimals, as KIS writes `prdy_ctrt`. */
export function changeRate(last: number, base: number): string {
  return base === 0 ? "0.00" : ((last - base) / base * 100).toFixed(2);
}
