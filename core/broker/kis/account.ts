/** A KIS account number split the way requests carry it. */
export interface KisAccount {
  /** `CANO`: the first 8 digits. */
  readonly cano: string;
  /** `ACNT_PRDT_CD`: the product code, `01` for a stock account. */
  readonly productCode: string;
}

/** Parses `12345678-01` (or `1234567801`) into its parts; throws `RangeError` naming the input. */
export function parseKisAccount(input: string): KisAccount {
  const match = /^(\d{8})-?(\d{2})$/.exec(input.trim());
  if (!match) {
    throw new RangeError(`invalid KIS account "${input}": expected 8 digits, "-", 2 digits`);
  }
  return { cano: match[1]!, productCode: match[2]! };
}
