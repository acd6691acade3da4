/**
 * Every word a rendered report shows, in Korean and English.
 * @module
 */
import type { ReportLanguage } from "./format.ts";
import type { Side } from "../broker/mod.ts";
import type { OrderStatus } from "../trading/mod.ts";
import type { AlertRow } from "./schema.ts";

/** The words of one language. */
export interface ReportLabels {
  readonly title: string;
  readonly account: string;
  readonly generated: string;
  readonly item: string;
  readonly amount: string;
  readonly equity: string;
  readonly cash: string;
  readonly holdingsValue: string;
  readonly day: string;
  readonly cumulative: string;
  readonly firstReport: string;
  readonly netDeposit: string;
  readonly realised: string;
  readonly unrealised: string;
  readonly fees: string;
  readonly tax: string;
  readonly holdings: string;
  readonly trades: string;
  readonly orders: string;
  readonly alerts: string;
  readonly signals: string;
  readonly rebalances: string;
  readonly errors: string;
  readonly none: string;
  readonly omitted: (n: number) => string;
  readonly count: (n: number) => string;
  readonly columns: {
    readonly symbol: string;
    readonly quantity: string;
    readonly averagePrice: string;
    readonly price: string;
    readonly value: string;
    readonly pnl: string;
    readonly return: string;
    readonly weight: string;
    readonly time: string;
    readonly side: string;
    readonly fillPrice: string;
    readonly tradeValue: string;
    readonly status: string;
    readonly orders: string;
    readonly strategy: string;
    readonly signal: string;
    readonly rule: string;
    readonly level: string;
    readonly action: string;
    readonly mode: string;
    readonly equityChange: string;
    readonly source: string;
    readonly message: string;
  };
  readonly sides: Readonly<Record<Side, string>>;
  readonly statuses: Readonly<Record<OrderStatus, string>>;
  readonly rules: Readonly<Record<AlertRow["rule"], string>>;
  readonly actions: Readonly<Record<AlertRow["action"], string>>;
  readonly modes: Readonly<Record<"preview" | "executed", string>>;
  readonly rebalanceLine: (sells: number, buys: number) => string;
  readonly estimatedCosts: string;
}

/** The report's words by language. */
export const LABELS: Readonly<Record<ReportLanguage, ReportLabels>> = {
  ko: {
    title: "일일 리포트",
    account: "계좌",
    generated: "작성",
    item: "항목",
    amount: "금액",
    equity: "총 평가자산",
    cash: "예수금(D+2)",
    holdingsValue: "주식 평가금액",
    day: "당일 손익",
    cumulative: "누적 손익",
    firstReport: "첫 리포트: 투자원금 대비",
    netDeposit: "당일 입출금",
    realised: "실현 손익",
    unrealised: "평가 손익",
    fees: "수수료",
    tax: "거래세",
    holdings: "보유 종목",
    trades: "체결 내역",
    orders: "주문",
    alerts: "발생한 알림",
    signals: "전략 신호",
    rebalances: "리밸런싱",
    errors: "오류",
    none: "없음",
    omitted: (n) => `외 ${n}건 생략`,
    count: (n) => `${n}건`,
    columns: {
      symbol: "종목",
      quantity: "수량",
      averagePrice: "평균단가",
      price: "현재가",
      value: "평가금액",
      pnl: "손익",
      return: "수익률",
      weight: "비중",
      time: "시각",
      side: "구분",
      fillPrice: "체결가",
      tradeValue: "체결금액",
      status: "상태",
      orders: "건수",
      strategy: "전략",
      signal: "신호",
      rule: "조건",
      level: "발동 기준",
      action: "동작",
      mode: "구분",
      equityChange: "평가자산 (전 → 후)",
      source: "출처",
      message: "내용",
    },
    sides: { buy: "매수", sell: "매도" },
    statuses: {
      intent: "전송 대기",
      unknown: "확인 중",
      submitted: "미체결",
      partially_filled: "부분 체결",
      filled: "체결",
      cancelled: "취소",
      rejected: "거부",
      not_sent: "미전송",
    },
    rules: {
      stop_loss: "손절",
      take_profit: "익절",
      trailing_stop: "트레일링 스탑",
      price_above: "가격 이상",
      price_below: "가격 이하",
    },
    actions: { notify: "알림만", notify_and_exit: "알림 후 매도" },
    modes: { preview: "미리보기", executed: "실행" },
    rebalanceLine: (sells, buys) => `매도 ${sells}건 · 매수 ${buys}건`,
    estimatedCosts: "예상 비용",
  },
  en: {
    title: "Daily report",
    account: "Account",
    generated: "Generated",
    item: "Item",
    amount: "Amount",
    equity: "Equity",
    cash: "Cash (D+2)",
    holdingsValue: "Holdings value",
    day: "Day PnL",
    cumulative: "Cumulative PnL",
    firstReport: "First report: against the capital",
    netDeposit: "Net deposit today",
    realised: "Realised PnL",
    unrealised: "Unrealised PnL",
    fees: "Fees",
    tax: "Tax",
    holdings: "Holdings",
    trades: "Trades",
    orders: "Orders",
    alerts: "Alerts triggered",
    signals: "Strategy signals",
    rebalances: "Rebalancing",
    errors: "Errors",
    none: "None",
    omitted: (n) => `${n} more not shown`,
    count: (n) => String(n),
    columns: {
      symbol: "Symbol",
      quantity: "Qty",
      averagePrice: "Avg price",
      price: "Last",
      value: "Value",
      pnl: "PnL",
      return: "Return",
      weight: "Weight",
      time: "Time",
      side: "Side",
      fillPrice: "Price",
      tradeValue: "Value",
      status: "Status",
      orders: "Orders",
      strategy: "Strategy",
      signal: "Signal",
      rule: "Rule",
      level: "Level",
      action: "Action",
      mode: "Mode",
      equityChange: "Equity (before → after)",
      source: "Source",
      message: "Message",
    },
    sides: { buy: "Buy", sell: "Sell" },
    statuses: {
      intent: "Intent",
      unknown: "Unknown",
      submitted: "Open",
      partially_filled: "Partially filled",
      filled: "Filled",
      cancelled: "Cancelled",
      rejected: "Rejected",
      not_sent: "Not sent",
    },
    rules: {
      stop_loss: "Stop-loss",
      take_profit: "Take-profit",
      trailing_stop: "Trailing stop",
      price_above: "Price above",
      price_below: "Price below",
    },
    actions: { notify: "notify only", notify_and_exit: "notify and sell" },
    modes: { preview: "Preview", executed: "Executed" },
    rebalanceLine: (sells, buys) => `${sells} sells · ${buys} buys`,
    estimatedCosts: "estimated costs",
  },
};
