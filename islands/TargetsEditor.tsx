import { useSignal } from "@preact/signals";

/** One row of the editor, as typed. */
export interface TargetRow {
  readonly symbol: string;
  readonly weight: string;
}

/** The words of the editor, from the page's message table. */
export interface TargetsEditorText {
  readonly symbol: string;
  readonly weightPercent: string;
  readonly sum: string;
  readonly cash: string;
  readonly over: string;
  readonly orderType: string;
  readonly limit: string;
  readonly market: string;
  readonly driftBand: string;
  readonly save: string;
  /** Each row's labels for screen readers, in row order. */
  readonly symbolLabels: readonly string[];
  readonly weightLabels: readonly string[];
}

/** Props of {@link TargetsEditor}. */
export interface TargetsEditorProps {
  readonly rows: readonly TargetRow[];
  readonly csrf: string;
  /** The stored targets' version, sent back as `If-Match`. */
  readonly version: string;
  /** Whether the user may save (a trader); a viewer sees the targets disabled. */
  readonly editable: boolean;
  readonly orderType: "limit" | "market";
  readonly driftBand: string;
  /** The API's message per field (`targets`, `targets.0.weight`, `driftBand`, …). */
  readonly errors: Readonly<Record<string, string>>;
  readonly text: TargetsEditorText;
}

/** A typed weight in basis points, or 0 when it is not a number yet. */
function basisPoints(weight: string): number {
  const text = weight.trim().replaceAll(",", "");
  return /^\d+(\.\d+)?$/.test(text) ? Math.round(Number(text) * 100) : 0;
}

function percent(bp: number): string {
  return `${(bp / 100).toFixed(2)}%`;
}

function FieldError({ message }: { readonly message: string | undefined }) {
  return message ? <span class="field-error" role="alert">{message}</span> : null;
}

/**
 * The rebalancing targets as a plain form (it posts without a script), whose total and cash rest
 * follow what is typed once the script runs, in red above 100 %.
 */
export default function TargetsEditor(props: TargetsEditorProps) {
  const { text, errors, editable } = props;
  // Every input is controlled, so a re-render (the total changing) keeps what was typed.
  const values = useSignal<Readonly<Record<string, string>>>({
    ...Object.fromEntries(props.rows.flatMap((row, i) => [
      [`symbol_${i}`, row.symbol],
      [`weight_${i}`, row.weight],
    ])),
    driftBand: props.driftBand,
  });
  const field = (name: string) => ({
    name,
    value: values.value[name] ?? "",
    onInput: (event: { currentTarget: HTMLInputElement }) => {
      values.value = { ...values.value, [name]: event.currentTarget.value };
    },
  });
  const sum = props.rows.reduce(
    (total, _, i) => total + basisPoints(values.value[`weight_${i}`] ?? ""),
    0,
  );
  const over = sum > 10_000;
  return (
    <form method="post" class="form" data-testid="targets-form">
      <input type="hidden" name="csrf" value={props.csrf} />
      <input type="hidden" name="form" value="targets" />
      <input type="hidden" name="version" value={props.version} />
      <FieldError message={errors.targets} />
      <div class="table-scroll" tabIndex={0} role="region" aria-label={text.sum}>
        <table class="data targets-table">
          <thead>
            <tr>
              <th scope="col">{text.symbol}</th>
              <th scope="col" class="num">{text.weightPercent}</th>
            </tr>
          </thead>
          <tbody>
            {props.rows.map((_, i) => (
              <tr>
                <td>
                  <input
                    {...field(`symbol_${i}`)}
                    maxLength={6}
                    inputMode="numeric"
                    aria-label={text.symbolLabels[i]}
                    disabled={!editable}
                  />
                  <FieldError message={errors[`targets.${i}.symbol`]} />
                </td>
                <td class="num">
                  <input
                    {...field(`weight_${i}`)}
                    inputMode="decimal"
                    aria-label={text.weightLabels[i]}
                    disabled={!editable}
                  />
                  <FieldError message={errors[`targets.${i}.weight`]} />
                </td>
              </tr>
            ))}
          </tbody>
          <tfoot>
            <tr>
              <th scope="row">{text.sum}</th>
              <td class={`num ${over ? "bad" : ""}`} data-testid="weight-sum" aria-live="polite">
                {percent(sum)} · {over ? text.over : `${text.cash} ${percent(10_000 - sum)}`}
              </td>
            </tr>
          </tfoot>
        </table>
      </div>
      <div class="form-row">
        <label>
          {text.orderType}
          <select name="orderType" disabled={!editable}>
            <option value="limit">{text.limit}</option>
            <option value="market" selected={props.orderType === "market"}>{text.market}</option>
          </select>
        </label>
        <label>
          {text.driftBand}
          <input {...field("driftBand")} inputMode="decimal" disabled={!editable} />
          <FieldError message={errors.driftBand} />
        </label>
      </div>
      {editable && (
        <div>
          <button type="submit" class="primary">{text.save}</button>
        </div>
      )}
    </form>
  );
}
