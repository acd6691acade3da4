import type { FormError } from "./forms.ts";

/** The message above a form when it was refused, or after it succeeded. */
export function FormMessage(
  { form, error, done, doneText }: {
    readonly form: string;
    readonly error: FormError | null;
    readonly done: string | null;
    readonly doneText: string;
  },
) {
  if (error?.form === form) {
    return <p class="form-error" role="alert" data-testid={`${form}-error`}>{error.message}</p>;
  }
  if (done === form) {
    return <p class="form-ok" role="status" data-testid={`${form}-done`}>{doneText}</p>;
  }
  return null;
}

/** The API's message for one field, under it. */
export function FieldError(
  { error, form, name }: {
    readonly error: FormError | null;
    readonly form: string;
    readonly name: string;
  },
) {
  const message = error?.form === form ? error.fields[name] : undefined;
  return message ? <span class="field-error" role="alert">{message}</span> : null;
}

/** The hidden field that repeats the CSRF cookie, which the API compares with it. */
export function CsrfField({ csrf }: { readonly csrf: string }) {
  return <input type="hidden" name="csrf" value={csrf} />;
}
