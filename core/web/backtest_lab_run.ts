/**
 * Running the backtest lab's inputs through the JSON API, the same way on the server (the page's
 * handler, in-process) and in the browser (the island, over HTTP), and reading a symbol's daily
 * bars for the price chart: the caller supplies how to call the API, this module what to call and
 * how to read the answers.
 * @module
 */
import {
  labField,
  type LabInputs,
  type LabReport,
  labRequest,
  type LabStrategy,
  labSymbols,
} from "./backtest_lab.ts";

/** One API call: a GET without `body`, else a POST of `body` as JSON. */
export type LabCall = (
  path: string,
  body?: unknown,
) => Promise<{ readonly status: number; readonly body: unknown }>;

/** A daily bar as the quotes chart answers it. */
export interface LabBar {
  readonly date: string;
  readonly open: number;
  readonly high: number;
  readonly low: number;
  readonly close: number;
  readonly volume: number;
}

/** What a run came to: a report, inputs the API refused (by lab input), or a failure. */
export type LabOutcome =
  | { readonly kind: "report"; readonly report: LabReport }
  | {
    readonly kind: "refused";
    /** The API's status (400 or 422). */
    readonly status: number;
    readonly message: string;
    readonly fields: Readonly<Record<string, string>>;
  }
  | { readonly kind: "failed"; readonly message: string };

interface ErrorBody {
  readonly error?: {
    readonly message?: string;
    readonly details?: readonly { readonly field: string; readonly message: string }[];
  };
}

/** The outcome of an answer that is not a success: a 4xx names inputs, anything else failed. */
export function problemOutcome(answer: { status: number; body: unknown }): LabOutcome {
  const error = (answer.body as ErrorBody | null)?.error;
  const message = typeof error?.message === "string" ? error.message : `HTTP ${answer.status}`;
  if (answer.status < 400 || answer.status >= 500 || answer.status === 401) {
    return { kind: "failed", message };
  }
  const fields: Record<string, string> = {};
  for (const detail of error?.details ?? []) fields[labField(detail.field)] ??= detail.message;
  if (Object.keys(fields).length === 0) fields.form = message;
  return { kind: "refused", status: answer.status, message, fields };
}

/** The daily bars of `symbol` between the lab's dates, or the outcome that stops the run. */
export async function labBars(
  call: LabCall,
  symbol: string,
  from: string,
  to: string,
): Promise<readonly LabBar[] | LabOutcome> {
  const query = new URLSearchParams({ from, to });
  const answer = await call(`/api/v1/quotes/${encodeURIComponent(symbol)}/chart?${query}`);
  if (answer.status !== 200) return problemOutcome(answer);
  return (answer.body as { bars: LabBar[] }).bars.map((bar) => ({
    date: bar.date,
    open: bar.open,
    high: bar.high,
    low: bar.low,
    close: bar.close,
    volume: bar.volume,
  }));
}

/**
 * Runs `inputs` through `POST /api/v1/backtests`, each symbol a series the server reads the
 * broker's daily bars for.
 */
export async function runLab(
  call: LabCall,
  inputs: LabInputs,
  strategy: LabStrategy | undefined,
): Promise<LabOutcome> {
  const series = labSymbols(inputs).map((symbol) => ({ symbol }));
  const answer = await call("/api/v1/backtests", labRequest(inputs, strategy, series));
  if (answer.status !== 200) return problemOutcome(answer);
  return { kind: "report", report: answer.body as LabReport };
}
