/** A page request as KIS sends it: header `tr_cont` plus the echoed context fields. */
export interface PageRequest {
  readonly trCont: string;
  readonly fk100: string;
  readonly nk100: string;
}

/** One page of rows with the response `tr_cont` and context to echo back. */
export interface Page<T> {
  readonly rows: T[];
  /** `F` first page with more, `M` middle page with more, `D` last page. */
  readonly trCont: "F" | "M" | "D";
  readonly fk100: string;
  readonly nk100: string;
}

const pad = (text: string) => text.padEnd(100, " ");

/**
 * Pages `rows` like KIS's FK100/NK100 TRs: a continuation needs header `tr_cont: N` and the
 * context of the previous answer; without `N` the first page comes back again. `fingerprint`
 * identifies the query and its data: a continuation whose context no longer matches is stale.
 */
export function paginate<T>(
  rows: readonly T[],
  pageSize: number,
  request: PageRequest,
  fingerprint: string,
): Page<T> | "stale" {
  let offset = 0;
  const continuing = request.trCont === "N" && request.nk100.trim() !== "";
  if (continuing) {
    offset = Number(request.nk100.trim());
    const valid = request.fk100.trim() === fingerprint && Number.isInteger(offset) && offset > 0 &&
      offset <= rows.length;
    if (!valid) return "stale";
  }
  const end = offset + pageSize;
  const more = end < rows.length;
  return {
    rows: rows.slice(offset, end),
    trCont: more ? (offset === 0 ? "F" : "M") : "D",
    fk100: pad(fingerprint),
    nk100: more ? pad(String(end)) : pad(""),
  };
}
