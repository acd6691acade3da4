import type { Messages } from "@/core/web/i18n/mod.ts";
import type { FormError } from "./forms.ts";
import { CsrfField, FieldError, FormMessage } from "./FormParts.tsx";
import { Notice } from "./Notice.tsx";

/** The kinds of message, in the order the form lists them. */
export const NOTIFY_KINDS = ["report", "alert", "order", "error"] as const;

/** `GET /api/v1/settings/notifications` as the card shows it. */
export interface NotifySettingsView {
  readonly channels: readonly { channel: string; kind: string; target: string }[];
  readonly quietHours: { readonly start: string; readonly end: string } | null;
  readonly enabledKinds: readonly string[];
  readonly version: string | null;
}

/** How each channel took a test message. */
export type NotifyTestResults = readonly { channel: string; ok: boolean; error?: string }[];

/** The form fields of the notification settings, as the API's body. */
export function notifyPreferencesBody(fields: Readonly<Record<string, string>>) {
  const start = (fields.quietStart ?? "").trim();
  const end = (fields.quietEnd ?? "").trim();
  return {
    quietHours: start === "" && end === "" ? null : { start, end },
    enabledKinds: NOTIFY_KINDS.filter((kind) => fields[`kind_${kind}`] === "on"),
  };
}

/** The form's field for an API field of the notification settings. */
export function notifyFieldName(field: string): string {
  if (field.startsWith("quietHours.start")) return "quietStart";
  if (field.startsWith("quietHours")) return "quietEnd";
  return field.startsWith("enabledKinds") ? "kinds" : field;
}

/** The settings page's notification section: channels, quiet hours and kinds, and a test send. */
export function NotificationsCard(
  { settings, csrf, error, done, values, results, t }: {
    readonly settings: NotifySettingsView;
    readonly csrf: string;
    readonly error: FormError | null;
    readonly done: string | null;
    readonly values: Readonly<Record<string, string>>;
    readonly results: NotifyTestResults | null;
    readonly t: Messages;
  },
) {
  const n = t.notifySettings;
  const refused = error?.form === "notifications";
  const quiet = (name: "quietStart" | "quietEnd", current: string | undefined) =>
    refused ? values[name] ?? "" : current ?? "";
  const checked = (kind: string) =>
    refused ? values[`kind_${kind}`] === "on" : settings.enabledKinds.includes(kind);
  return (
    <article class="card" id="notifications">
      <h2>{n.title}</h2>
      <p class="muted">{n.intro}</p>
      {settings.channels.length === 0
        ? <Notice kind="empty">{n.noChannels}</Notice>
        : (
          <div class="table-scroll" tabIndex={0} role="region" aria-label={n.title}>
            <table class="data" data-testid="channels-table">
              <thead>
                <tr>
                  <th scope="col">{n.channel}</th>
                  <th scope="col">{n.kind}</th>
                  <th scope="col">{n.target}</th>
                </tr>
              </thead>
              <tbody>
                {settings.channels.map((row) => (
                  <tr>
                    <td>{row.channel}</td>
                    <td>{row.kind}</td>
                    <td class="code">{row.target}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      <FormMessage form="notifications" error={error} done={done} doneText={n.saved} />
      <form method="post" class="form" data-testid="notify-form">
        <CsrfField csrf={csrf} />
        <input type="hidden" name="form" value="notifications" />
        <input type="hidden" name="version" value={settings.version ?? ""} />
        <fieldset>
          <legend>{n.quietHours}</legend>
          <div class="form-row">
            <label>
              {n.quietStart}
              <input
                name="quietStart"
                type="time"
                value={quiet("quietStart", settings.quietHours?.start)}
              />
              <FieldError error={error} form="notifications" name="quietStart" />
            </label>
            <label>
              {n.quietEnd}
              <input
                name="quietEnd"
                type="time"
                value={quiet("quietEnd", settings.quietHours?.end)}
              />
              <FieldError error={error} form="notifications" name="quietEnd" />
            </label>
          </div>
          <span class="muted small">{n.quietHint}</span>
        </fieldset>
        <fieldset>
          <legend>{n.kinds}</legend>
          {NOTIFY_KINDS.map((kind) => (
            <label class="check">
              <input type="checkbox" name={`kind_${kind}`} checked={checked(kind)} />
              {n.kindNames[kind]}
            </label>
          ))}
          <FieldError error={error} form="notifications" name="kinds" />
        </fieldset>
        <div>
          <button type="submit" class="primary">{n.save}</button>
        </div>
      </form>
      {settings.channels.length > 0 && (
        <form method="post" class="form" data-testid="notify-test-form">
          <CsrfField csrf={csrf} />
          <input type="hidden" name="form" value="notify_test" />
          <p class="muted">{n.testIntro}</p>
          <FormMessage form="notify_test" error={error} done={null} doneText="" />
          <div>
            <button type="submit">{n.sendTest}</button>
          </div>
          {results && (
            <ul class="test-results" data-testid="notify-test-results" role="status">
              {results.map((result) => (
                <li class={result.ok ? "good" : "bad"}>
                  <span class="code">{result.channel}</span>
                  {`: ${result.ok ? n.testOk : n.testFailed(result.error ?? "")}`}
                </li>
              ))}
            </ul>
          )}
        </form>
      )}
    </article>
  );
}
