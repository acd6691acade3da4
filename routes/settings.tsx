import type { Role } from "@/core/api/access.ts";
import type { KillSwitch, RiskLimits } from "@/core/trading/mod.ts";
import { formatKrw, formatKst } from "@/core/web/format.ts";
import { type Context, page } from "@/core/web/mod.ts";
import type { Messages } from "@/core/web/i18n/mod.ts";
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
import { CsrfField, FieldError, FormMessage } from "./(_components)/FormParts.tsx";
import { NoServicesPage, Notice } from "./(_components)/Notice.tsx";
import {
  NotificationsCard,
  notifyFieldName,
  notifyPreferencesBody,
  type NotifySettingsView,
  type NotifyTestResults,
} from "./(_components)/NotificationsCard.tsx";
import { can, type Session, sessionOf } from "./(_components)/session.ts";
import { textOf } from "./(_components)/text.ts";

/** One API key as the list shows it. */
interface KeyRow {
  readonly id: string;
  readonly name: string;
  readonly role: Role;
  readonly createdAt: number;
  readonly lastUsedAt: number | null;
}

interface SettingsData {
  readonly killSwitch: KillSwitch | null;
  readonly limits: RiskLimits | null;
  readonly keys: readonly KeyRow[];
  readonly done: string | null;
  readonly error: FormError | null;
  /** What the refused form held, to fill it again. */
  readonly values: Readonly<Record<string, string>>;
  /** A key just created: the only time its secret is shown. */
  readonly created: { readonly name: string; readonly secret: string } | null;
  /** The notification settings (admins only). */
  readonly notify: NotifySettingsView | null;
  /** How each channel took the test message just sent. */
  readonly testResults: NotifyTestResults | null;
}

const FORMS = [
  "kill_switch",
  "risk_limits",
  "create_key",
  "revoke_key",
  "notifications",
  "notify_test",
] as const;

async function load(
  ctx: Context,
  session: Session,
  extra: Partial<SettingsData> = {},
): Promise<SettingsData> {
  const [kill, limits, keys, notify] = await Promise.all([
    callApi(ctx, "/api/v1/kill-switch"),
    can(session, "admin") ? callApi(ctx, "/api/v1/settings/risk-limits") : null,
    callApi(ctx, "/api/v1/api-keys"),
    can(session, "admin") ? callApi(ctx, "/api/v1/settings/notifications") : null,
  ]);
  const done = ctx.url.searchParams.get("done");
  return {
    killSwitch: kill.status === 200 ? kill.body as KillSwitch : null,
    limits: limits?.status === 200 ? limits.body as RiskLimits : null,
    keys: keys.status === 200 ? (keys.body as { items: KeyRow[] }).items : [],
    done: FORMS.find((form) => form === done) ?? null,
    error: null,
    values: {},
    created: null,
    notify: notify?.status === 200 ? notify.body as NotifySettingsView : null,
    testResults: null,
    ...extra,
  };
}

/** The percentage a limit in basis points is typed as. */
const WEIGHT_FIELD = "maxPositionWeightPercent";

async function submit(
  ctx: Context,
  session: Session,
  t: Messages,
): Promise<Response | SettingsData> {
  const fields = await formFields(ctx.req);
  const form = FORMS.find((name) => name === fields.form) ?? "kill_switch";
  const refuse = (error: FormError) => load(ctx, session, { error, values: fields });
  if (!sameOrigin(ctx.req)) return refuse(pageError(form, t.session.csrfFailed));
  const csrf = fields.csrf ?? "";
  const s = t.settings;
  switch (form) {
    case "kill_switch": {
      if (fields.confirm !== "yes") return refuse(pageError(form, s.confirmRequired));
      const answer = await callApi(ctx, "/api/v1/kill-switch", {
        method: "PUT",
        csrf,
        body: { on: fields.on === "true", reason: fields.reason ?? "" },
      });
      if (answer.status !== 200) return refuse(formError(form, problemOf(answer), t));
      break;
    }
    case "risk_limits": {
      const weight = numeric(fields[WEIGHT_FIELD]);
      const answer = await callApi(ctx, "/api/v1/settings/risk-limits", {
        method: "PUT",
        csrf,
        body: {
          maxOrderKrw: numeric(fields.maxOrderKrw),
          maxDailyKrw: numeric(fields.maxDailyKrw),
          maxPositionWeightBps: typeof weight === "number" ? Math.round(weight * 100) : weight,
          maxOpenOrders: numeric(fields.maxOpenOrders),
        },
      });
      if (answer.status !== 200) {
        return refuse(
          formError(
            form,
            problemOf(answer),
            t,
            (name) => name === "maxPositionWeightBps" ? WEIGHT_FIELD : name,
          ),
        );
      }
      break;
    }
    case "create_key": {
      const answer = await callApi(ctx, "/api/v1/api-keys", {
        method: "POST",
        csrf,
        body: { name: (fields.name ?? "").trim(), role: fields.role || undefined },
      });
      if (answer.status !== 201 && answer.status !== 200) {
        return refuse(formError(form, problemOf(answer), t));
      }
      const created = answer.body as { key: KeyRow; secret: string };
      return load(ctx, session, { created: { name: created.key.name, secret: created.secret } });
    }
    case "notifications": {
      const answer = await callApi(ctx, "/api/v1/settings/notifications", {
        method: "PUT",
        csrf,
        body: notifyPreferencesBody(fields),
        headers: fields.version ? { "if-match": `"${fields.version}"` } : {},
      });
      if (answer.status !== 200) {
        return refuse(formError(form, problemOf(answer), t, notifyFieldName));
      }
      break;
    }
    case "notify_test": {
      const answer = await callApi(ctx, "/api/v1/settings/notifications/test", {
        method: "POST",
        csrf,
        body: {},
      });
      if (answer.status !== 200) return refuse(formError(form, problemOf(answer), t));
      const { results } = answer.body as { results: NotifyTestResults };
      return load(ctx, session, { testResults: results });
    }
    case "revoke_key": {
      const id = encodeURIComponent(fields.id ?? "");
      const answer = await callApi(ctx, `/api/v1/api-keys/${id}`, { method: "DELETE", csrf });
      if (answer.status !== 200) return refuse(formError(form, problemOf(answer), t));
      break;
    }
  }
  return doneRedirect("/settings", form);
}

export const handler = define.handlers({
  GET: async (ctx) => {
    const session = sessionOf(ctx.state);
    return { data: session ? await load(ctx, session) : null };
  },
  POST: async (ctx) => {
    const session = sessionOf(ctx.state);
    if (session === null) return ctx.redirect("/login", 303);
    const result = await submit(ctx, session, textOf(ctx.req).t);
    if (result instanceof Response) return result;
    const status = result.error ? 422 : result.created ? 201 : 200;
    return page(result, { status });
  },
});

function KillSwitchCard(
  { data, session, t }: {
    readonly data: SettingsData;
    readonly session: Session;
    readonly t: Messages;
  },
) {
  const s = t.settings;
  const state = data.killSwitch;
  const on = state?.on ?? false;
  return (
    <article class={`card kill-card ${on ? "kill-on" : "kill-off"}`} id="kill-switch">
      <h2>{s.killSwitch}</h2>
      <p class="kill-state" data-testid="kill-state">
        <strong>{on ? s.killOn : s.killOff}</strong>
        {state && state.changedAt > 0 && (
          <span class="muted">
            {` · ${s.killChanged(formatKst(state.changedAt), state.by, state.reason)}`}
          </span>
        )}
      </p>
      <p class="muted">{s.killExplain}</p>
      <FormMessage
        form="kill_switch"
        error={data.error}
        done={data.done}
        doneText={on ? s.killTurnedOn : s.killTurnedOff}
      />
      {can(session, "trader")
        ? (
          <form method="post" class="form" data-testid="kill-form">
            <CsrfField csrf={session.csrf} />
            <input type="hidden" name="form" value="kill_switch" />
            <input type="hidden" name="on" value={on ? "false" : "true"} />
            <label>
              {s.reason}
              <input
                name="reason"
                required
                maxLength={500}
                placeholder={on ? s.reasonOffHint : s.reasonOnHint}
                value={data.error?.form === "kill_switch" ? data.values.reason : ""}
              />
              <FieldError error={data.error} form="kill_switch" name="reason" />
            </label>
            <label class="check">
              <input type="checkbox" name="confirm" value="yes" required />
              {on ? s.confirmOff : s.confirmOn}
            </label>
            <div>
              <button type="submit" class={on ? "primary" : "danger"}>
                {on ? s.turnOff : s.turnOn}
              </button>
            </div>
          </form>
        )
        : <p class="muted">{s.readOnly}</p>}
    </article>
  );
}

function LimitsCard(
  { data, session, t }: {
    readonly data: SettingsData;
    readonly session: Session;
    readonly t: Messages;
  },
) {
  const s = t.settings;
  const limits = data.limits;
  if (limits === null) return null;
  const refused = data.error?.form === "risk_limits";
  const value = (name: string, current: string) => refused ? data.values[name] ?? "" : current;
  const field = (name: string, label: string, current: string, hint: string) => (
    <label>
      {label}
      <input name={name} inputMode="numeric" required value={value(name, current)} />
      <span class="muted small">{hint}</span>
      <FieldError error={data.error} form="risk_limits" name={name} />
    </label>
  );
  return (
    <article class="card" id="risk-limits">
      <h2>{s.riskLimits}</h2>
      <FormMessage form="risk_limits" error={data.error} done={data.done} doneText={s.saved} />
      <form method="post" class="form" data-testid="limits-form">
        <CsrfField csrf={session.csrf} />
        <input type="hidden" name="form" value="risk_limits" />
        <div class="form-row">
          {field(
            "maxOrderKrw",
            s.maxOrderKrw,
            String(limits.maxOrderKrw),
            formatKrw(limits.maxOrderKrw),
          )}
          {field(
            "maxDailyKrw",
            s.maxDailyKrw,
            String(limits.maxDailyKrw),
            formatKrw(limits.maxDailyKrw),
          )}
          {field(
            WEIGHT_FIELD,
            s.maxPositionWeight,
            String(limits.maxPositionWeightBps / 100),
            s.percentHint,
          )}
          {field("maxOpenOrders", s.maxOpenOrders, String(limits.maxOpenOrders), s.countHint)}
        </div>
        <div>
          <button type="submit" class="primary">{s.save}</button>
        </div>
      </form>
    </article>
  );
}

function KeysCard(
  { data, session, t }: {
    readonly data: SettingsData;
    readonly session: Session;
    readonly t: Messages;
  },
) {
  const s = t.settings;
  const c = t.columns;
  return (
    <article class="card" id="api-keys">
      <h2>{s.apiKeys}</h2>
      <p class="muted">{s.apiKeysIntro}</p>
      {data.created && (
        <div class="form-ok" role="status" data-testid="key-secret">
          <p>{s.secretOnce(data.created.name)}</p>
          <code class="secret">{data.created.secret}</code>
        </div>
      )}
      <FormMessage form="revoke_key" error={data.error} done={data.done} doneText={s.revoked} />
      {data.keys.length === 0
        ? <Notice kind="empty">{s.noKeys}</Notice>
        : (
          <div class="table-scroll" tabIndex={0} role="region" aria-label={s.apiKeys}>
            <table class="data" data-testid="keys-table">
              <thead>
                <tr>
                  <th scope="col">{s.keyName}</th>
                  <th scope="col">{s.keyRole}</th>
                  <th scope="col">{s.created}</th>
                  <th scope="col">{s.lastUsed}</th>
                  <th scope="col">{c.action}</th>
                </tr>
              </thead>
              <tbody>
                {data.keys.map((key) => (
                  <tr>
                    <td>{key.name}</td>
                    <td>{t.session.role[key.role]}</td>
                    <td class="nowrap">{formatKst(key.createdAt)}</td>
                    <td class="nowrap">
                      {key.lastUsedAt === null ? t.common.notAvailable : formatKst(key.lastUsedAt)}
                    </td>
                    <td>
                      <form method="post" class="inline-form">
                        <CsrfField csrf={session.csrf} />
                        <input type="hidden" name="form" value="revoke_key" />
                        <input type="hidden" name="id" value={key.id} />
                        <button type="submit" aria-label={s.revokeNamed(key.name)}>
                          {s.revoke}
                        </button>
                      </form>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      <h3>{s.newKey}</h3>
      <FormMessage form="create_key" error={data.error} done={null} doneText="" />
      <form method="post" class="form" data-testid="key-form">
        <CsrfField csrf={session.csrf} />
        <input type="hidden" name="form" value="create_key" />
        <div class="form-row">
          <label>
            {s.keyName}
            <input
              name="name"
              required
              maxLength={64}
              value={data.error?.form === "create_key" ? data.values.name : ""}
            />
            <FieldError error={data.error} form="create_key" name="name" />
          </label>
          <label>
            {s.keyRole}
            <select name="role">
              {(["viewer", "trader", "admin"] as const)
                .filter((role) => can(session, role))
                .map((role) => (
                  <option value={role} selected={role === "viewer"}>{t.session.role[role]}</option>
                ))}
            </select>
          </label>
          <button type="submit">{s.createKey}</button>
        </div>
      </form>
    </article>
  );
}

export default define.page<typeof handler>(function Settings({ data, req, state }) {
  const { t } = textOf(req);
  const session = sessionOf(state);
  if (data === null || session === null) {
    return <NoServicesPage title={t.settings.title} message={t.common.noServices} />;
  }
  return (
    <section class="page">
      <div class="page-head">
        <h1>{t.settings.title}</h1>
      </div>
      <KillSwitchCard data={data} session={session} t={t} />
      <LimitsCard data={data} session={session} t={t} />
      {data.notify && (
        <NotificationsCard
          settings={data.notify}
          csrf={session.csrf}
          error={data.error}
          done={data.done}
          values={data.values}
          results={data.testResults}
          t={t}
        />
      )}
      <KeysCard data={data} session={session} t={t} />
      {can(session, "admin") && (
        <article class="card" id="users">
          <h2>{t.users.title}</h2>
          <p class="muted">{t.users.intro}</p>
          <p>
            <a href="/settings/users" data-testid="users-link">{t.users.link}</a>
          </p>
        </article>
      )}
    </section>
  );
});
