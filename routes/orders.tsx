import { ORDER_STATUSES } from "@/core/trading/mod.ts";
import { loadOrders, parseOrderStatus } from "@/core/web/views/mod.ts";
import { HttpError } from "@/core/web/mod.ts";
import { define } from "../utils.ts";
import { Notice } from "./(_components)/Notice.tsx";
import { OrdersTable } from "./(_components)/OrdersTable.tsx";
import { pageServices } from "./(_components)/services.ts";
import { textOf } from "./(_components)/text.ts";

export const handler = define.handlers({
  GET: async (ctx) => {
    const running = pageServices();
    const status = parseOrderStatus(ctx.url.searchParams.get("status"));
    const cursor = ctx.url.searchParams.get("cursor");
    let view = null;
    try {
      view = running
        ? await loadOrders(running.services.store, running.accountId, { status, cursor })
        : null;
    } catch (error) {
      // KV refuses a cursor it did not write (a hand-edited link) with a TypeError
      if (error instanceof TypeError && /cursor/.test(error.message)) throw new HttpError(400);
      throw error;
    }
    return { data: { status, cursor, view } };
  },
});

/** `/orders` with `status` and `cursor` set (each left out when null). */
function ordersHref(status: string | null, cursor: string | null): string {
  const params = new URLSearchParams();
  if (status) params.set("status", status);
  if (cursor) params.set("cursor", cursor);
  const query = params.toString();
  return query ? `/orders?${query}` : "/orders";
}

export default define.page<typeof handler>(function Orders({ data, req }) {
  const { t } = textOf(req);
  const { status, cursor, view } = data;
  return (
    <section class="page">
      <div class="page-head">
        <h1>{t.orders.title}</h1>
      </div>
      <p class="muted">{t.orders.intro}</p>
      <nav class="filters" aria-label={t.common.filter}>
        <a href={ordersHref(null, null)} aria-current={status === null ? "true" : undefined}>
          {t.common.all}
        </a>
        {ORDER_STATUSES.map((s) => (
          <a href={ordersHref(s, null)} aria-current={status === s ? "true" : undefined}>
            {t.orderStatus[s]}
          </a>
        ))}
      </nav>
      <article class="card">
        {view === null
          ? <Notice kind="error">{t.common.noServices}</Notice>
          : view.rows.length === 0
          ? <Notice kind="empty">{status ? t.orders.emptyStatus : t.orders.empty}</Notice>
          : <OrdersTable rows={view.rows} t={t} caption={t.orders.title} />}
        {(cursor || view?.cursor) && (
          <nav class="pager" aria-label={t.common.pages}>
            {cursor && <a href={ordersHref(status, null)}>{t.common.first}</a>}
            {view?.cursor && (
              <a href={ordersHref(status, view.cursor)} rel="next">{t.common.next}</a>
            )}
          </nav>
        )}
      </article>
    </section>
  );
});
