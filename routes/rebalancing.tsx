import type { RebalanceConfig, RebalancePlan, RebalanceRun } from "@/core/rebalance/mod.ts";
import type { Messages } from "@/core/web/i18n/mod.ts";
import { type Context, page } from "@/core/web/mod.ts";
import TargetsEditor from "../islands/TargetsEditor.tsx";
import { define } from "../utils.ts";
import { callApi, problemOf } from "./(_components)/api.ts";
import {
  doneRedirect,
  type FormError,
  formError,
  formFields,
  numeric,
  pageError,
  sameOrigin,
} from "./(_components)/forms.ts";
import { CsrfField, FormMessage } from "./(_components)/FormParts.tsx";
import { NoServicesPage } from "./(_components)/Notice.tsx";
import { PlanTable, RunTimeline } from "./(_components)/RebalanceParts.tsx";
import { can, type Session, sessionOf } from "./(_components)/session.ts";
import { textOf } from "./(_components)/text.ts";

/** Blank rows the editor offers for new symbols. */
const BLANK_ROWS = 3;

const FORMS = ["targets", "preview", "run"] as const;
type RebalanceForm = (typeof FORMS)[number];

interface RebalancingData {
  readonly config: RebalanceConfig | null;
  readonly version: string | null;
  readonly runs: readonly RebalanceRun[];
  readonly preview: { readonly plan: RebalancePlan; readonly runKey: string } | null;
  readonly done: RebalanceForm | null;
  readonly error: FormError | null;
  readonly values: Readonly<Record<string, string>>;
}

async function load(ctx: Context, extra: Partial<RebalancingData> = {}): Promise<RebalancingData> {
  const [targets, runs] = await Promise.all([
    callApi(ctx, "/api/v1/rebalancing/targets"),
    callApi(ctx, "/api/v1/rebalancing/runs?limit=20"),
  ]);
  const stored = targets.status === 200
    ? targets.body as { targets: { config: RebalanceConfig }; version: string }
    : null;
  const done = ctx.url.searchParams.get("done");
  return {
    config: stored?.targets.config ?? null,
    version: stored?.version ?? null,
    runs: runs.status === 200 ? (runs.body as { items: RebalanceRun[] }).items : [],
    preview: null,
    done: FORMS.find((form) => form === done) ?? null,
    error: null,
    values: {},
    ...extra,
  };
}

/** The rows of the editor as the API's targets: weights typed in percent become fractions. */
function targetsOf(fields: Record<string, string>): { symbol: string; weight: number | string }[] {
  const targets = [];
  for (let i = 0; `symbol_${i}` in fields; i++) {
    const symbol = (fields[`symbol_${i}`] ?? "").trim();
    const weight = numeric(fields[`weight_${i}`]);
    if (symbol === "" && weight === "") continue;
    targets.push({
      symbol,
      weight: typeof weight === "number" ? Math.round(weight * 100) / 10_000 : weight,
    });
  }
  return targets;
}

/** A new run's key: the run's id, so a second press of the same button runs nothing twice. */
function newRunKey(): string {
  return `web-${crypto.randomUUID()}`;
}

async function submit(ctx: Context, t: Messages): Promise<Response | RebalancingData> {
  const fields = await formFields(ctx.req);
  const form = FORMS.find((name) => name === fields.form) ?? "preview";
  const refuse = (error: FormError) => load(ctx, { error, values: fields });
  if (!sameOrigin(ctx.req)) return refuse(pageError(form, t.session.csrfFailed));
  const csrf = fields.csrf ?? "";
  if (form === "targets") {
    const answer = await callApi(ctx, "/api/v1/rebalancing/targets", {
      method: "PUT",
      csrf,
      headers: fields.version ? { "if-match": fields.version } : {},
      body: {
        targets: targetsOf(fields),
        orderType: fields.orderType === "market" ? "market" : "limit",
        driftBand: numeric(fields.driftBand || "0"),
      },
    });
    if (answer.status !== 200 && answer.status !== 201) {
      return refuse(formError(form, problemOf(answer), t));
    }
    return doneRedirect("/rebalancing", form);
  }
  if (form === "preview") {
    const answer = await callApi(ctx, "/api/v1/rebalancing/preview", { method: "POST", csrf });
    if (answer.status !== 200) return refuse(formError(form, problemOf(answer), t));
    const { plan } = (answer.body as { preview: { plan: RebalancePlan } }).preview;
    return load(ctx, { preview: { plan, runKey: newRunKey() } });
  }
  if (fields.confirm !== "yes") return refuse(pageError(form, t.rebalancing.confirmRequired));
  const answer = await callApi(ctx, "/api/v1/rebalancing/runs", {
    method: "POST",
    csrf,
    headers: { "idempotency-key": fields.runKey ?? "" },
  });
  if (answer.status !== 201 && answer.status !== 200) {
    return refuse(formError(form, problemOf(answer), t));
  }
  return doneRedirect("/rebalancing", form);
}

export const handler = define.handlers({
  GET: async (ctx) => ({ data: sessionOf(ctx.state) ? await load(ctx) : null }),
  POST: async (ctx) => {
    const result = await submit(ctx, textOf(ctx.req).t);
    if (result instanceof Response) return result;
    return page(result, { status: result.error ? 422 : 200 });
  },
});

function TargetsCard(
  { data, session, t }: {
    readonly data: RebalancingData;
    readonly session: Session;
    readonly t: Messages;
  },
) {
  const r = t.rebalancing;
  const refused = data.error?.form === "targets";
  const saved = data.config?.targets ?? [];
  const rows = refused
    ? Object.keys(data.values).filter((name) => name.startsWith("symbol_")).map((_, i) => ({
      symbol: data.values[`symbol_${i}`] ?? "",
      weight: data.values[`weight_${i}`] ?? "",
    }))
    : [
      ...saved.map((target) => ({
        symbol: target.symbol as string,
        weight: String(Math.round(target.weight * 10_000) / 100),
      })),
      ...Array.from({ length: BLANK_ROWS }, () => ({ symbol: "", weight: "" })),
    ];
  return (
    <article class="card" id="targets">
      <h2>{r.targets}</h2>
      <FormMessage form="targets" error={data.error} done={data.done} doneText={r.saved} />
      <TargetsEditor
        rows={rows}
        csrf={session.csrf}
        version={data.version ?? ""}
        editable={can(session, "trader")}
        orderType={data.config?.orderType ?? "limit"}
        driftBand={refused ? data.values.driftBand ?? "" : String(data.config?.driftBand ?? 0)}
        errors={refused ? data.error?.fields ?? {} : {}}
        text={{
          symbol: t.columns.symbol,
          weightPercent: r.weightPercent,
          sum: r.sum,
          cash: r.cash,
          over: r.over,
          orderType: r.orderType,
          limit: t.orderType.limit,
          market: t.orderType.market,
          driftBand: r.driftBand,
          save: r.save,
          symbolLabels: rows.map((_, i) => r.symbolRow(i + 1)),
          weightLabels: rows.map((_, i) => r.weightRow(i + 1)),
        }}
      />
    </article>
  );
}

export default define.page<typeof handler>(function Rebalancing({ data, req, state }) {
  const { t } = textOf(req);
  const r = t.rebalancing;
  const session = sessionOf(state);
  if (data === null || session === null) {
    return <NoServicesPage title={r.title} message={t.common.noServices} />;
  }
  return (
    <section class="page">
      <div class="page-head">
        <h1>{r.title}</h1>
      </div>
      <TargetsCard data={data} session={session} t={t} />
      <article class="card" id="preview">
        <h2>{r.preview}</h2>
        <FormMessage form="preview" error={data.error} done={null} doneText="" />
        <FormMessage form="run" error={data.error} done={data.done} doneText={r.ran} />
        {data.preview
          ? (
            <>
              <PlanTable plan={data.preview.plan} t={t} />
              {can(session, "trader") && data.preview.plan.orders.length > 0 && (
                <form method="post" class="form" data-testid="run-form">
                  <CsrfField csrf={session.csrf} />
                  <input type="hidden" name="form" value="run" />
                  <input type="hidden" name="runKey" value={data.preview.runKey} />
                  <label class="check">
                    <input type="checkbox" name="confirm" value="yes" required />
                    {r.confirm(data.preview.plan.orders.length)}
                  </label>
                  <div>
                    <button type="submit" class="danger">{r.execute}</button>
                  </div>
                </form>
              )}
            </>
          )
          : <p class="muted">{data.config ? r.previewHint : r.noTargets}</p>}
        {data.config && (
          <form method="post" class="form">
            <CsrfField csrf={session.csrf} />
            <input type="hidden" name="form" value="preview" />
            <div>
              <button type="submit">{data.preview ? r.previewAgain : r.previewNow}</button>
            </div>
          </form>
        )}
      </article>
      <article class="card" id="runs">
        <h2>{r.timeline}</h2>
        <RunTimeline runs={data.runs} t={t} />
      </article>
    </section>
  );
});
