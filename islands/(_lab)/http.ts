/**
 * The lab's island talks to the API over HTTP with the session cookie: one call function for
 * `core/web/backtest_lab_run.ts` (renewing an expired session), and a cache of the price chart's
 * bars.
 * @module
 */
import {
  type LabBar,
  labBars,
  type LabCall,
  type LabProblem,
} from "@/core/web/backtest_lab_run.ts";

/**
 * The CSRF cookie as it is now (a renewal replaces it), else `fallback`. Its name is
 * core/auth/cookies.ts's `COOKIE.csrf` with the `__Host-` prefix, written out: that module brings
 * hono, which has no place in a browser bundle.
 */
function currentCsrf(fallback: string): string {
  return /(?:^|;\s*)__Host-yeouido_csrf=([^;]*)/.exec(document.cookie)?.[1] ?? fallback;
}

let renewing: Promise<boolean> | null = null;

/**
 * Renews the session once for every caller that found its access cookie expired (it lives 15
 * minutes; the refresh cookie is sent to the auth routes): each refresh spends the token, so
 * callers at the same moment share one.
 */
function renewSession(csrf: string): Promise<boolean> {
  renewing ??= fetch("/api/v1/auth/refresh", {
    method: "POST",
    headers: { "x-csrf-token": currentCsrf(csrf) },
  }).then((response) => response.ok, () => false).finally(() => renewing = null);
  return renewing;
}

async function send(
  path: string,
  body: unknown,
  csrf: string,
  signal: AbortSignal | undefined,
): Promise<{ status: number; body: unknown }> {
  const response = await fetch(
    path,
    body === undefined ? { signal } : {
      method: "POST",
      signal,
      headers: { "content-type": "application/json", "x-csrf-token": currentCsrf(csrf) },
      body: JSON.stringify(body),
    },
  );
  let parsed: unknown = null;
  try {
    parsed = await response.json();
  } catch {
    // not JSON: the status alone says what happened
  }
  return { status: response.status, body: parsed };
}

/**
 * The API over HTTP with the session cookie, POSTs carrying the CSRF cookie (`csrf` until the
 * page can read it), aborted by `signal`. An answer of 401 renews the session and asks again once.
 */
export function httpCall(csrf: string, signal?: AbortSignal): LabCall {
  return async (path, body) => {
    const answer = await send(path, body, csrf, signal);
    if (answer.status !== 401 || !(await renewSession(csrf))) return answer;
    return await send(path, body, csrf, signal);
  };
}

/** A symbol's bars between two dates, or why they could not be read. */
export type BarsAnswer = readonly LabBar[] | LabProblem;

/**
 * Reads a symbol's daily bars once per symbol and range; a failed read is asked again next time.
 */
export function barsCache(): (
  call: LabCall,
  symbol: string,
  from: string,
  to: string,
) => Promise<BarsAnswer> {
  const kept = new Map<string, Promise<BarsAnswer>>();
  return (call, symbol, from, to) => {
    const key = `${symbol}|${from}|${to}`;
    let found = kept.get(key);
    if (found === undefined) {
      found = labBars(call, symbol, from, to);
      kept.set(key, found);
      found.then(
        (answer) => Array.isArray(answer) ? undefined : kept.delete(key),
        () => kept.delete(key),
      );
    }
    return found;
  };
}
