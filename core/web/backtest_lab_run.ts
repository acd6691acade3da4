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

/** Why the API did not do what the lab asked: inputs it refused (by lab input), or a failure. */
export type LabProblem =
  | {
    readonly kind: "refused";
    /** The API's status (400 or 422). */
    readonly status: number;
    readonly message: string;
    readonly fields: Readonly<Record<string, string>>;
  }
  | { readonly kind: "failed"; readonly message: string };

/** What a run came to: a report, or the problem. */
export type LabOutcome = { readonly kind: "report"; readonly report: LabReport } | LabProblem;

interface ErrorBody {
  readonly error?: {
    readonly message?: string;
    readonly details?: readonly { readonly field: string; readonly message: string }[];
  };
}

/** The outcome of an answer that is not a success: a 4xx names inputs, anything else failed. */
export function problemOutcome(answer: { status: number; body: unknown }): LabProblem {
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
): Promise<readonly LabBar[] | LabProblem> {
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

/** A stored run the API accepted: its id and state. */
export interface LabSaved {
  readonly kind: "saved";
  readonly id: string;
  readonly status: string;
}

/** A stored run's name: the strategy, its parameters and the symbols, as a list would show it. */
export function labRunName(inputs: LabInputs): string {
  const params = Object.entries(inputs.params).map(([k, v]) => `${k}=${v}`).join(" ");
  return `${inputs.strategy} ${params} · ${labSymbols(inputs).join(",")}`.slice(0, 100);
}

/**
 * Saves `inputs` as a stored run named by {@link labRunName} (`POST /api/v1/backtests/runs`, which
 * answers 202 and computes it on the KV queue), or the problem that refused it.
 */
export async function saveLab(
  call: LabCall,
  inputs: LabInputs,
  strategy: LabStrategy | undefined,
): Promise<LabSaved | LabProblem> {
  const series = labSymbols(inputs).map((symbol) => ({ symbol }));
  const answer = await call("/api/v1/backtests/runs", {
    ...labRequest(inputs, strategy, series),
    name: labRunName(inputs),
  });
  if (answer.status !== 202 && answer.status !== 201 && answer.status !== 200) {
    return problemOutcome(answer);
  }
  const { run } = answer.body as { run: { id: string; status: string } };
  return { kind: "saved", id: run.id, status: run.status };
}
