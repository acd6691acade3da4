/** A validated KRX short code: six digits, or `Q` and six digits for an ETN. */
export type SymbolCode = string & { readonly __brand: "SymbolCode" };

const SYMBOL_CODE = /^Q?[0-9]{6}$/;

/** Whether `x` is a string in KRX short-code form. */
export function isSymbolCode(x: unknown): x is SymbolCode {
  return typeof x === "string" && SYMBOL_CODE.test(x);
}

/**
 * Parses a KRX short code exactly as given (no trimming or case folding).
 *
 * @throws {RangeError} naming the input when it is not six digits or `Q` + six digits.
 * @example parseSymbolCode("005930") // "005930"
 */
export function parseSymbolCode(input: string): SymbolCode {
  if (!isSymbolCode(input)) {
    throw new RangeError(
      `invalid symbol code ${JSON.stringify(input)}: expected 6 digits, or Q + 6 digits for an ETN`,
    );
  }
  return input;
}
