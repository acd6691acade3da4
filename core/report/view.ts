/**
 * A report laid out for reading: its words in one language, its numbers formatted, and every
 * part a titled table. The Markdown and HTML renderers draw this one layout, so both show the
 * same figures.
 * @module
 */
import { kstDateTime } from "../krx/mod.ts";
import {
  formatBasisPoints,
  formatDate,
  formatKstTime,
  formatSignedWon,
  formatWon,
  groupDigits,
  type ReportLanguage,
  type Tone,
  toneOf,
} from "./format.ts";
import { LABELS, type ReportLabels } from "./labels.ts";
import { ORDER_STATUSES } from "../trading/mod.ts";
import type { DailyReport } from "./schema.ts";

/** One table cell: its text, unescaped, and whether it shows a gain or a loss. */
export interface Cell {
  readonly text: string;
  readonly tone: Tone;
}

/** A titled table; `rows` empty means the day had none, `omitted` rows did not fit the report. */
export interface Section {
  readonly title: string;
  readonly header: readonly string[];
  /** Per column: numbers align right. */
  readonly numeric: readonly boolean[];
  readonly rows: readonly (readonly Cell[])[];
  readonly omitted: number;
}

/** The whole report laid out in one language. */
export interface ReportView {
  readonly lang: ReportLanguage;
  readonly labels: ReportLabels;
  readonly title: string;
  readonly subtitle: string;
  readonly sections: readonly Section[];
}

const plain = (text: string): Cell => ({ text, tone: "flat" });
const signed = (text: string, value: number | null): Cell => ({ text, tone: toneOf(value) });

/** `report` laid out in `lang`. */
export function reportView(report: DailyReport, lang: ReportLanguage): ReportView {
  const l = LABELS[lang];
  const won = (n: number) => plain(formatWon(n, lang));
  const gain = (n: number) => signed(formatSignedWon(n, lang), n);
  const names = symbolNames(report);
  const symbol = (code: string) => plain(names.get(code) ?? code);
  const time = (at: number) => plain(formatKstTime(at));
  const { pnl, equity } = report;

  const summaryRows: Cell[][] = [
    [plain(l.equity), won(equity.total)],
    [plain(l.cash), won(equity.cash)],
    [plain(l.holdingsValue), won(equity.holdingsValue)],
    [
      plain(pnl.base === "capital" ? `${l.day} (${l.firstReport})` : l.day),
      withRatio(pnl.day, pnl.dayBasisPoints, lang),
    ],
    ...(pnl.netDeposit === 0 ? [] : [[plain(l.netDeposit), gain(pnl.netDeposit)]]),
    [plain(l.cumulative), withRatio(pnl.cumulative, pnl.cumulativeBasisPoints, lang)],
    [plain(l.realised), gain(pnl.realised)],
    [plain(l.unrealised), gain(pnl.unrealised)],
    [plain(l.fees), won(pnl.fees)],
    [plain(l.tax), won(pnl.tax)],
  ];
  const c = l.columns;
  const sections: Section[] = [
    section(l.equity, [l.item, l.amount], [false, true], summaryRows, 0),
    listSection(
      l.holdings,
      report.holdings,
      [c.symbol, c.quantity, c.averagePrice, c.price, c.value, c.pnl, c.return, c.weight],
      [false, true, true, true, true, true, true, true],
      (h) => [
        symbol(h.symbol),
        plain(groupDigits(h.quantity)),
        won(h.averagePrice),
        won(h.price),
        won(h.value),
        gain(h.pnl),
        signed(formatBasisPoints(h.pnlBasisPoints, true), h.pnlBasisPoints),
        plain(formatBasisPoints(h.weightBasisPoints)),
      ],
    ),
    listSection(
      l.trades,
      report.trades,
      [c.time, c.symbol, c.side, c.quantity, c.fillPrice, c.tradeValue, l.fees, l.tax, l.realised],
      [false, false, false, true, true, true, true, true, true],
      (t) => [
        plain(t.time),
        symbol(t.symbol),
        plain(l.sides[t.side]),
        plain(groupDigits(t.quantity)),
        won(t.price),
        won(t.value),
        won(t.fee),
        won(t.tax),
        t.side === "sell" ? gain(t.realised) : plain("–"),
      ],
    ),
    section(
      `${l.orders} (${report.orders.total})`,
      [c.status, c.orders],
      [false, true],
      ORDER_STATUSES.filter((status) => report.orders.byStatus[status] > 0)
        .map((
          status,
        ) => [plain(l.statuses[status]), plain(String(report.orders.byStatus[status]))]),
      0,
    ),
    listSection(
      l.alerts,
      report.alerts,
      [c.time, c.symbol, c.rule, c.level, c.price, c.action],
      [false, false, false, true, true, false],
      (a) => [
        time(a.at),
        symbol(a.symbol),
        plain(l.rules[a.rule]),
        won(a.level),
        won(a.price),
        plain(l.actions[a.action]),
      ],
    ),
    listSection(
      l.signals,
      report.signals,
      [c.time, c.strategy, c.symbol, c.signal],
      [false, false, false, false],
      (s) => [
        time(s.at),
        plain(s.strategy),
        symbol(s.symbol),
        plain(l.sides[s.signal]),
      ],
    ),
    listSection(
      l.rebalances,
      report.rebalances,
      [c.time, c.mode, c.orders, c.tradeValue, l.estimatedCosts, c.equityChange],
      [false, false, false, true, true, true],
      (r) => [
        time(r.at),
        plain(l.modes[r.mode]),
        plain(l.rebalanceLine(r.sells, r.buys)),
        won(r.tradedValue),
        won(r.costs),
        plain(`${formatWon(r.equityBefore, lang)} → ${formatWon(r.equityAfter, lang)}`),
      ],
    ),
    listSection(
      l.errors,
      report.errors,
      [c.time, c.source, c.message],
      [false, false, false],
      (e) => [time(e.at), plain(e.source), plain(e.message)],
    ),
  ];
  return {
    lang,
    labels: l,
    title: `${l.title} · ${formatDate(report.date, lang)}`,
    subtitle: `${l.account} ${report.accountId} · ${l.generated} ${
      kstDateTime(report.generatedAt)
    } KST`,
    sections,
  };
}

/** A signed amount with its ratio: `-22,801원 (-0.23%)`. */
function withRatio(value: number, bp: number | null, lang: ReportLanguage): Cell {
  return signed(`${formatSignedWon(value, lang)} (${formatBasisPoints(bp, true)})`, value);
}

/** A section of one bounded list; its title counts every item, shown or omitted. */
function listSection<T>(
  title: string,
  list: { readonly items: readonly T[]; readonly omitted: number },
  header: string[],
  numeric: boolean[],
  row: (item: T) => Cell[],
): Section {
  const count = list.items.length + list.omitted;
  return section(`${title} (${count})`, header, numeric, list.items.map(row), list.omitted);
}

function section(
  title: string,
  header: string[],
  numeric: boolean[],
  rows: Cell[][],
  omitted: number,
): Section {
  return { title, header, numeric, rows, omitted };
}

/** `name (code)` for every symbol the report names, from its holdings and trades. */
function symbolNames(report: DailyReport): Map<string, string> {
  const names = new Map<string, string>();
  for (const row of [...report.holdings.items, ...report.trades.items]) {
    if (row.name !== "") names.set(row.symbol, `${row.name} (${row.symbol})`);
  }
  return names;
}
