/**
 * The lab's inputs as a plain GET form (it works without a script: its query string is the share
 * link), with the strategy's parameters generated from its schema: a slider and a number box for
 * bounded numbers, a select for choices.
 * @module
 */
import {
  type LabInputs,
  type LabStrategy,
  paramKey,
  type ParamSpec,
  withStrategy,
} from "@/core/web/backtest_lab.ts";
import type { LabText } from "./LabTables.tsx";

/** Props of {@link LabForm}. */
export interface LabFormProps {
  readonly strategies: readonly LabStrategy[];
  readonly inputs: LabInputs;
  /** Lab input name (`symbols`, `p.fast`, …) to the API's message. */
  readonly errors: Readonly<Record<string, string>>;
  readonly text: LabText;
  /** Called with the new inputs on every edit (in the browser). */
  readonly onChange: (inputs: LabInputs) => void;
  /** Called when the form is submitted in the browser, instead of loading the page again. */
  readonly onRun: () => void;
}

type Edit = { currentTarget: HTMLInputElement | HTMLSelectElement };

function FieldError({ message, id }: { message: string | undefined; id: string }) {
  return message
    ? <span class="field-error" role="alert" id={id} data-testid={`error-${id}`}>{message}</span>
    : null;
}

/** The id of a field's error, for `aria-describedby`. */
function errorId(name: string): string {
  return `lab-error-${name.replace(/\W/g, "-")}`;
}

/** The slider's step: whole numbers, or tenths on a short number range. */
function sliderStep(spec: ParamSpec): number {
  if (spec.kind === "integer") return 1;
  return spec.min !== null && spec.max !== null && spec.max - spec.min <= 20 ? 0.1 : 1;
}

function ParamField(
  { spec, value, error, onValue }: {
    spec: ParamSpec;
    value: string;
    error: string | undefined;
    onValue: (value: string) => void;
  },
) {
  const name = paramKey(spec.name);
  const described = error ? errorId(name) : undefined;
  const edit = (event: Edit) => onValue(event.currentTarget.value);
  if (spec.kind === "enum") {
    return (
      <label>
        <span class="code">{spec.name}</span>
        <select name={name} onInput={edit} aria-describedby={described} title={spec.description}>
          {spec.options.map((option) => (
            <option value={option} selected={option === value}>{option}</option>
          ))}
        </select>
        <FieldError message={error} id={errorId(name)} />
      </label>
    );
  }
  const bounded = spec.min !== null && spec.max !== null;
  const number = Number(value);
  return (
    <label class="lab-param">
      <span>
        <span class="code">{spec.name}</span>
        {bounded && <span class="muted small">{` ${spec.min}–${spec.max}`}</span>}
      </span>
      <span class="lab-slider">
        {bounded && (
          <input
            type="range"
            min={spec.min!}
            max={spec.max!}
            step={sliderStep(spec)}
            value={Number.isFinite(number) ? number : spec.default}
            onInput={edit}
            aria-label={`${spec.name} (${spec.description})`}
          />
        )}
        <input
          type="text"
          inputMode="decimal"
          name={name}
          value={value}
          onInput={edit}
          aria-invalid={error ? true : undefined}
          aria-describedby={described}
          title={spec.description}
          data-testid={`param-${spec.name}`}
        />
      </span>
      <span class="muted small">{spec.description}</span>
      <FieldError message={error} id={errorId(name)} />
    </label>
  );
}

/** The lab's form. */
export function LabForm({ strategies, inputs, errors, text, onChange, onRun }: LabFormProps) {
  const strategy = strategies.find((s) => s.id === inputs.strategy);
  const set = (field: keyof LabInputs) => (event: Edit) =>
    onChange({ ...inputs, [field]: event.currentTarget.value });
  const plain = (field: keyof LabInputs, label: string, props: Record<string, unknown> = {}) => (
    <label>
      {label}
      <input
        name={field}
        value={inputs[field] as string}
        onInput={set(field)}
        aria-invalid={errors[field] ? true : undefined}
        aria-describedby={errors[field] ? errorId(field) : undefined}
        data-testid={`input-${field}`}
        {...props}
      />
      <FieldError message={errors[field]} id={errorId(field)} />
    </label>
  );
  return (
    <form
      class="form lab-form"
      method="get"
      action="/backtest"
      data-testid="lab-form"
      onSubmit={(event: Event) => {
        event.preventDefault();
        onRun();
      }}
    >
      <label>
        {text.strategy}
        <select
          name="strategy"
          data-testid="input-strategy"
          onInput={(event: Edit) => {
            const next = strategies.find((s) => s.id === event.currentTarget.value);
            if (next) onChange(withStrategy(inputs, next));
          }}
        >
          {strategies.map((s) => (
            <option value={s.id} selected={s.id === inputs.strategy}>{s.name}</option>
          ))}
        </select>
        <FieldError message={errors.strategy} id={errorId("strategy")} />
      </label>
      {strategy && strategy.params.length > 0 && (
        <fieldset class="lab-params">
          <legend>{text.parameters}</legend>
          {strategy.params.map((spec) => (
            <ParamField
              spec={spec}
              value={inputs.params[spec.name] ?? spec.default}
              error={errors[paramKey(spec.name)]}
              onValue={(value) =>
                onChange({ ...inputs, params: { ...inputs.params, [spec.name]: value } })}
            />
          ))}
        </fieldset>
      )}
      {plain("symbols", text.symbols, { autoComplete: "off", title: text.symbolsHint })}
      <p class="muted small lab-hint">{text.symbolsHint}</p>
      <div class="form-row">
        {plain("from", text.from, { type: "date" })}
        {plain("to", text.to, { type: "date" })}
      </div>
      {plain("cash", text.cash, { inputMode: "numeric" })}
      <div class="form-row">
        {plain("fee", text.fee, { inputMode: "decimal" })}
        {plain("tax", text.tax, { inputMode: "decimal", placeholder: text.taxHint })}
      </div>
      <div class="form-row">
        {plain("slippage", text.slippage, { inputMode: "numeric" })}
        <label>
          {text.fill}
          <select name="fill" onInput={set("fill")} data-testid="input-fill">
            <option value="open" selected={inputs.fill === "open"}>{text.fillOpen}</option>
            <option value="close" selected={inputs.fill === "close"}>{text.fillClose}</option>
          </select>
        </label>
      </div>
      <FieldError message={errors.form} id={errorId("form")} />
      <div class="actions">
        <button type="submit" class="primary">{text.run}</button>
      </div>
    </form>
  );
}
