import { type InstrumentKind, type Market, parseSymbolCode, type SymbolCode } from "../krx/mod.ts";

/** A listed instrument the simulator trades, with the parameters of its price model. */
export interface SimSymbol {
  readonly code: SymbolCode;
  readonly name: string;
  readonly market: Market;
  readonly kind: InstrumentKind;
  /** Close on the first day of generated history, in won. */
  readonly startPrice: number;
  /** Typical daily log-return volatility. */
  readonly dailyVolatility: number;
  /** Typical resting quantity per order-book level, in shares. */
  readonly depth: number;
  /** Whether Nextrade lists it (it trades a subset of KRX's stocks and, at first, no ETFs). */
  readonly nxt: boolean;
}

/**
 * The default symbols Nextrade does not list: the penny stock and the ETF (sim choice, so that
 * both kinds occur; Nextrade lists a subset of KRX's stocks and at first no ETFs).
 */
const NOT_ON_NXT: ReadonlySet<string> = new Set(["032820", "069500"]);

function entry(
  code: string,
  name: string,
  market: Market,
  kind: InstrumentKind,
  startPrice: number,
  dailyVolatility: number,
  depth: number,
): SimSymbol {
  return {
    code: parseSymbolCode(code),
    name,
    market,
    kind,
    startPrice,
    dailyVolatility,
    depth,
    nxt: !NOT_ON_NXT.has(code),
  };
}

/** The default universe: real KRX codes and names; prices and volatilities are only plausible. */
export const DEFAULT_SYMBOLS: readonly SimSymbol[] = [
  entry("005930", "삼성전자", "KOSPI", "stock", 61_000, 0.017, 4_000),
  entry("000660", "SK하이닉스", "KOSPI", "stock", 128_000, 0.026, 900),
  entry("035420", "NAVER", "KOSPI", "stock", 205_000, 0.022, 300),
  entry("035720", "카카오", "KOSPI", "stock", 52_000, 0.024, 1_500),
  entry("005380", "현대차", "KOSPI", "stock", 186_000, 0.019, 400),
  entry("051910", "LG화학", "KOSPI", "stock", 560_000, 0.025, 80),
  entry("373220", "LG에너지솔루션", "KOSPI", "stock", 420_000, 0.027, 90),
  entry("207940", "삼성바이오로직스", "KOSPI", "stock", 780_000, 0.018, 40),
  entry("068270", "셀트리온", "KOSPI", "stock", 165_000, 0.021, 350),
  entry("105560", "KB금융", "KOSPI", "stock", 49_000, 0.016, 1_200),
  entry("005490", "POSCO홀딩스", "KOSPI", "stock", 380_000, 0.023, 120),
  entry("247540", "에코프로비엠", "KOSDAQ", "stock", 110_000, 0.035, 500),
  entry("293490", "카카오게임즈", "KOSDAQ", "stock", 24_000, 0.028, 2_000),
  entry("032820", "우리기술", "KOSDAQ", "stock", 1_450, 0.04, 30_000),
  entry("069500", "KODEX 200", "KOSPI", "etf", 31_000, 0.011, 8_000),
];
