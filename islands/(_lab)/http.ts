/**
 * The lab's island talks to the API over HTTP with the session cookie: one call function for
 * `core/web/backtest_lab_run.ts`, and a cache of the price chart's bars.
 * @module
 */
import {
  type LabBar,
  labBars,
  type LabCall,
  type LabProblem,
} from "@/core/web/backtest_lab_run.ts";

/** The API over HTTP with the session cookie, POSTs carrying `csrf`, aborted by `signal`. */
export function httpCall(csrf: string, signal?: AbortSignal): LabCall {
  return async (path, body) => {
    const response = await fetch(
      path,
      body === undefined ? { signal } : {
        method: "POST",
        signal,
        headers: { "content-type": "application/json", "x-csrf-token": csrf },
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
