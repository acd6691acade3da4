/**
 * The portfolio's arithmetic on a broker balance: holdings with value, return and weight, totals
 * and the allocation's cash, one rounding rule for basis points.
 * @module
 */
export {
  type HoldingFigures,
  type PortfolioFigures,
  portfolioFigures,
  shareBasisPoints,
} from "./figures.ts";
export { repriceBalance } from "./reprice.ts";
