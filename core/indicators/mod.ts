/**
 * Technical indicators over `Float64Array` series: batch functions that write into optional
 * caller-owned buffers, and streaming classes that give bit-identical values bar by bar.
 * Warm-up bars are NaN. Pure: no I/O.
 *
 * @module
 */
export { sma, SmaStream } from "./sma.ts";
export { ema, EmaStream } from "./ema.ts";
export { rsi, RsiStream } from "./rsi.ts";
export { bollinger, type BollingerBands, BollingerStream } from "./bollinger.ts";
export { macd, type MacdLines, MacdStream } from "./macd.ts";
export { atr, AtrStream } from "./atr.ts";
export { rollingMax, RollingMaxStream, rollingMin, RollingMinStream } from "./rolling_extreme.ts";
export { RESYNC_INTERVAL } from "./window.ts";
