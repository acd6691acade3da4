import type { Messages } from "@/core/web/i18n/mod.ts";
import type { FormError } from "./forms.ts";
import { numeric } from "./forms.ts";
import { CsrfField, FieldError, FormMessage } from "./FormParts.tsx";

/** The forms of the alerts page. */
export const ALERT_FORMS = ["create", "enable", "disable", "delete"] as const;

/** One of the alerts page's forms. */
export type AlertFormName = (typeof ALERT_FORMS)[number];

const KINDS = ["stop_loss", "take_profit", "trailing_stop", "price_above", "price_below"] as const;

/** Why the page itself refused the form (a message key of `alertForm`). */
type AlertFormProblem = "percentNotAllowed";

/**
 * The API's alert draft from the form: one value box read as won or as a percentage, by the unit
 * chosen. Wrong numbers are passed on as typed, so the API names them; only a percentage on a
 * rule that has none is refused here.
 */
export function alertRequest(fields: Record<string, string>): object | AlertFormProblem {
  const kind = KINDS.find((k) => k === fields.kind) ?? fields.kind ?? "";
  const value = numeric(fields.value);
  const percent = fields.unit === "percent";
  const action = fields.action === "exit_all"
    ? { kind: "notify_and_exit", quantity: { kind: "all" } }
    : { kind: "notify" };
  const symbol = (fields.symbol ?? "").trim();
  let rule: object;
  switch (kind) {
    case "stop_loss":
    case "take_profit":
      rule = {
        kind,
        trigger: percent
          ? { basis: "average_cost", percent: value }
          : { basis: "price", price: value },
      };
      break;
    case "trailing_stop":
      rule = {
        kind,
        trail: percent ? { unit: "percent", percent: value } : { unit: "krw", amount: value },
      };
      break;
    default:
      if (percent) return "percentNotAllowed";
      rule = { kind, price: value };
  }
  return { symbol, rule, action };
}

/** The form that creates an alert; it works without a script. */
export function AlertForm(
  { t, csrf, error, values, done }: {
    readonly t: Messages;
    readonly csrf: string;
    readonly error: FormError | null;
    readonly values: Readonly<Record<string, string>>;
    readonly done: AlertFormName | null;
  },
) {
  const f = t.alertForm;
  const refill = error?.form === "create" ? values : {};
  return (
    <article class="card" id="new-alert">
      <h2>{f.title}</h2>
      <FormMessage form="create" error={error} done={done} doneText={f.done.create} />
      <form method="post" class="form" data-testid="alert-form">
        <CsrfField csrf={csrf} />
        <input type="hidden" name="form" value="create" />
        <div class="form-row">
          <label>
            {f.symbol}
            <input
              name="symbol"
              required
              inputMode="numeric"
              pattern="[0-9A-Z]{6}"
              maxLength={6}
              placeholder="005930"
              value={refill.symbol ?? ""}
            />
            <FieldError error={error} form="create" name="symbol" />
          </label>
          <label>
            {f.kind}
            <select name="kind">
              {KINDS.map((kind) => (
                <option value={kind} selected={refill.kind === kind}>{t.alerts.kind[kind]}</option>
              ))}
            </select>
          </label>
          <label>
            {f.value}
            <input name="value" required inputMode="decimal" value={refill.value ?? ""} />
            <FieldError error={error} form="create" name="value" />
          </label>
          <label>
            {f.unit}
            <select name="unit">
              <option value="won" selected={refill.unit !== "percent"}>{f.won}</option>
              <option value="percent" selected={refill.unit === "percent"}>{f.percent}</option>
            </select>
          </label>
          <label>
            {t.columns.action}
            <select name="action">
              <option value="notify">{t.alerts.action.notify}</option>
              <option value="exit_all" selected={refill.action === "exit_all"}>
                {t.alerts.action.exitAll}
              </option>
            </select>
            <FieldError error={error} form="create" name="action" />
          </label>
        </div>
        <p class="muted small">{f.hint}</p>
        <div>
          <button type="submit" class="primary">{f.create}</button>
        </div>
      </form>
    </article>
  );
}
