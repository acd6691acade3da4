/**
 * The lab's "save run" form: a POST of the lab's query string to the page (which saves through
 * the API) without a script; with one, a POST to `POST /api/v1/backtests/runs` in place.
 * @module
 */
import { useSignal } from "@preact/signals";
import { type LabInputs, labSearch, type LabStrategy } from "@/core/web/backtest_lab.ts";
import { saveLab } from "@/core/web/backtest_lab_run.ts";
import { httpCall } from "./http.ts";
import type { LabText } from "./LabTables.tsx";

/** Props of {@link SaveRun}. */
export interface SaveRunProps {
  readonly inputs: LabInputs;
  readonly strategy: LabStrategy | undefined;
  readonly csrf: string;
  /** The run the page just saved (`?saved=`), or null. */
  readonly saved: string | null;
  /** Why the page's save was refused, or null. */
  readonly error: string | null;
  /** Called with the API's field messages when it refuses the inputs. */
  readonly onRefused: (fields: Readonly<Record<string, string>>) => void;
  readonly text: LabText;
}

/** The save form with the share link beside it, and what the last save came to. */
export function SaveRun(props: SaveRunProps) {
  const { text } = props;
  const saving = useSignal(false);
  const saved = useSignal(props.saved);
  const error = useSignal(props.error);
  const query = labSearch(props.inputs);
  const save = async () => {
    saving.value = true;
    saved.value = null;
    error.value = null;
    try {
      const outcome = await saveLab(httpCall(props.csrf), props.inputs, props.strategy);
      if (outcome.kind === "saved") saved.value = outcome.id;
      else {
        if (outcome.kind === "refused") props.onRefused(outcome.fields);
        error.value = outcome.message;
      }
    } catch (thrown) {
      error.value = thrown instanceof Error ? thrown.message : String(thrown);
    } finally {
      saving.value = false;
    }
  };
  return (
    <>
      <form
        class="lab-save"
        method="post"
        action="/backtest"
        data-testid="lab-save"
        onSubmit={(event: Event) => {
          event.preventDefault();
          void save();
        }}
      >
        <input type="hidden" name="csrf" value={props.csrf} />
        <input type="hidden" name="query" value={query} />
        <button type="submit" disabled={saving.value}>
          {saving.value ? text.saving : text.save}
        </button>
        <a href={`/backtest?${query}`} class="small" data-testid="lab-share">{text.share}</a>
      </form>
      {saved.value !== null && (
        <p class="form-ok" role="status" data-testid="lab-saved">
          {text.saved}{" "}
          <a href={`/api/v1/backtests/runs/${encodeURIComponent(saved.value)}`}>{saved.value}</a>
        </p>
      )}
      {error.value !== null && (
        <p class="form-error" role="alert" data-testid="lab-save-error">{error.value}</p>
      )}
    </>
  );
}
