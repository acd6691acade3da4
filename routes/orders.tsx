import { ORDER_STATUSES } from "@/core/trading/mod.ts";
import { loadOrders, parseOrderStatus } from "@/core/web/views/mod.ts";
import { type Context, HttpError, page } from "@/core/web/mod.ts";
import { define } from "../utils.ts";
import { callApi, problemOf } from "./(_components)/api.ts";
import {
  type FormError,
  formError,
  formFields,
  pageError,
  sameOrigin,
} from "./(_components)/forms.ts";
import { FormMessage } from "./(_components)/FormParts.tsx";
import { Notice } from "./(_components)/Notice.tsx";
import { OrdersTable } from "./(_components)/OrdersTable.tsx";
import { pageServices } from "./(_components)/services.ts";
import { can, sessionOf } from "./(_components)/session.ts";
import { textOf } from "./(_components)/text.ts";

async function load(ctx: Context, error: FormError | null = null) {
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
  const done = ctx.url.searchParams.get("done") === "cancel" ? "cancel" : null;
  return { status, cursor, view, done, error };
}

export const handler = define.handlers({
  GET: async (ctx) => ({ data: await load(ctx) }),
  /** Cancels an open order's rest through the API, once: the key is the order's own. */
  POST: async (ctx) => {
    const { t } = textOf(ctx.req);
    const fields = await formFields(ctx.req);
    if (!sameOrigin(ctx.req)) {
      return page(await load(ctx, pageError("cancel", t.session.csrfFailed)), { status: 403 });
    }
    const id = encodeURIComponent(fields.id ?? "");
    const answer = await callApi(ctx, `/api/v1/orders/${id}/cancel`, {
      method: "POST",
      csrf: fields.csrf ?? "",
      headers: { "idempotency-key": `web-cancel-${fields.id ?? ""}` },
    });
    if (answer.status !== 201 && answer.status !== 200) {
      return page(await load(ctx, formError("cancel", problemOf(answer), t)), { status: 422 });
    }
    const back = new URL(ctx.url);
    back.searchParams.set("done", "cancel");
    return ctx.redirect(`${back.pathname}${back.search}`, 303);
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

export default define.page<typeof handler>(function Orders({ data, req, state, url }) {
  const { t } = textOf(req);
  const { status, cursor, view } = data;
  const session = sessionOf(state);
  const back = new URL(url);
  back.searchParams.delete("done");
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
      <FormMessage
        form="cancel"
        error={data.error}
        done={data.done}
        doneText={t.orders.cancelled}
      />
      <article class="card">
        {view === null
          ? <Notice kind="error">{t.common.noServices}</Notice>
          : view.rows.length === 0
          ? <Notice kind="empty">{status ? t.orders.emptyStatus : t.orders.empty}</Notice>
          : (
            <OrdersTable
              rows={view.rows}
              t={t}
              caption={t.orders.title}
              cancel={session && can(session, "trader")
                ? { csrf: session.csrf, action: `${back.pathname}${back.search}` }
                : undefined}
            />
          )}
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
