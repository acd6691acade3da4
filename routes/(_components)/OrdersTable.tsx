import type { Messages } from "@/core/web/i18n/mod.ts";
import { formatKrw, formatKst } from "@/core/web/format.ts";
import type { OrderRow } from "@/core/web/views/mod.ts";
import { CsrfField } from "./FormParts.tsx";

/** States whose open part a cancel may still reach. */
const CANCELLABLE = new Set(["submitted", "partially_filled"]);

/**
 * The journal's orders as a table: time, symbol, side, quantity, price, fills, state, KIS no.; with
 * `cancel` (a trader's CSRF token), a cancel button on each order still open.
 */
export function OrdersTable(
  { rows, t, caption, cancel }: {
    readonly rows: readonly OrderRow[];
    readonly t: Messages;
    readonly caption: string;
    readonly cancel?: { readonly csrf: string; readonly action: string };
  },
) {
  const c = t.columns;
  return (
    <div class="table-scroll" tabIndex={0} role="region" aria-label={caption}>
      <table class="data" data-testid="orders-table">
        <caption class="sr-only">{caption}</caption>
        <thead>
          <tr>
            <th scope="col">{c.time}</th>
            <th scope="col">{c.symbol}</th>
            <th scope="col">{c.side}</th>
            <th scope="col" class="num">{c.quantity}</th>
            <th scope="col" class="num">{c.price}</th>
            <th scope="col" class="num">{c.filled}</th>
            <th scope="col">{c.status}</th>
            <th scope="col">{c.kisOrderNo}</th>
            {cancel && <th scope="col">{c.action}</th>}
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <tr>
              <td class="nowrap">{formatKst(row.createdAt)}</td>
              <td>{row.symbol}</td>
              <td class={row.side === "buy" ? "up" : "down"}>{t.side[row.side]}</td>
              <td class="num">{row.quantity.toLocaleString("en")}</td>
              <td class="num">
                {row.price === null ? t.orderType.market : formatKrw(row.price)}
              </td>
              <td class="num">{row.filledQuantity.toLocaleString("en")}</td>
              <td>
                <span class={`status status-${row.status}`} title={row.note ?? undefined}>
                  {t.orderStatus[row.status]}
                </span>
              </td>
              <td class="nowrap">{row.kisOrderNo ?? t.common.notAvailable}</td>
              {cancel && (
                <td>
                  {CANCELLABLE.has(row.status) && (
                    <form method="post" action={cancel.action} class="inline-form">
                      <CsrfField csrf={cancel.csrf} />
                      <input type="hidden" name="id" value={row.id} />
                      <button type="submit" aria-label={t.orders.cancelNamed(row.symbol)}>
                        {t.orders.cancel}
                      </button>
                    </form>
                  )}
                </td>
              )}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
