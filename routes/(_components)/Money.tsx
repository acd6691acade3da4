import { formatKrw, formatPercent, formatSignedKrw, toneClass } from "@/core/web/format.ts";

/** A KRW amount, `₩1,234,567`. */
export function Krw({ value }: { readonly value: number }) {
  return <span class="num">{formatKrw(value)}</span>;
}

/** A signed KRW amount coloured by its sign (red up, blue down). */
export function SignedKrw({ value }: { readonly value: number }) {
  return <span class={`num ${toneClass(value)}`}>{formatSignedKrw(value)}</span>;
}

/** A signed percentage (basis points) coloured by its sign; `–` when unknown. */
export function SignedPercent({ bp }: { readonly bp: number | null }) {
  return <span class={`num ${toneClass(bp)}`}>{formatPercent(bp, true)}</span>;
}
