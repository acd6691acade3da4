/**
 * The check before the day starts: the broker answers an authenticated call (so it is reachable
 * and the token is good), the balance reads, and the kill switch's state. Problems are notified.
 * @module
 */
import { type Broker, BrokerError } from "../broker/mod.ts";
import type { IsoDate } from "../krx/mod.ts";
import type { Notification } from "../notify/mod.ts";
import { readKillSwitch } from "../trading/mod.ts";

/** What the check found. */
export interface PreOpenReport {
  readonly date: IsoDate;
  /** `ok`, or why the broker could not be used (unreachable, token refused, …). */
  readonly broker: string;
  /** The account's total value and number of holdings as read, or null when the balance could not be read. */
  readonly balance: { readonly totalValue: number; readonly holdings: number } | null;
  readonly killSwitch: { readonly on: boolean; readonly reason: string };
  /** One line per problem; empty when the day can start. */
  readonly problems: readonly string[];
}

/** Says what a broker failure means for the day, by its category. */
function brokerProblem(error: unknown): string {
  if (!(error instanceof BrokerError)) return `broker call failed: ${String(error)}`;
  switch (error.category) {
    case "auth":
      return `the broker refused the token or keys: ${error.message}`;
    case "network":
    case "server":
      return `the broker is unreachable: ${error.message}`;
    default:
      return `the balance could not be read (${error.category}): ${error.message}`;
  }
}

/** Runs the check for `date`; never throws for what it checks, only reports it. */
export async function preOpenCheck(
  deps: { readonly broker: Broker; readonly kv: Deno.Kv },
  date: IsoDate,
): Promise<PreOpenReport> {
  const problems: string[] = [];
  let broker = "ok";
  let balance: PreOpenReport["balance"] = null;
  try {
    const read = await deps.broker.getBalance();
    balance = { totalValue: read.summary.totalValue, holdings: read.holdings.length };
  } catch (error) {
    broker = brokerProblem(error);
    problems.push(broker);
  }
  const { state } = await readKillSwitch(deps.kv);
  if (state.on) problems.push(`the kill switch is on (${state.reason || "no reason given"})`);
  return {
    date,
    broker,
    balance,
    killSwitch: { on: state.on, reason: state.reason },
    problems,
  };
}

/** The message sent when the check found problems. */
export function preOpenNotification(report: PreOpenReport): Notification {
  return {
    title: `장 시작 전 점검: 문제 ${report.problems.length}건 (${report.date})`,
    body: report.problems.map((problem) => `- ${problem}`).join("\n"),
    severity: report.broker === "ok" ? "warning" : "critical",
    kind: "error",
    dedupeKey: `pre-open-check:${report.date}`,
  };
}
