/**
 * Plain HTML forms on the dashboard's pages: each posts to its page's handler, which checks it and
 * passes it on to the API in-process, so every page works without a script.
 * @module
 */
import type { Messages } from "@/core/web/i18n/mod.ts";
import type { ApiProblem } from "./api.ts";
import { fieldMessage } from "./field_messages.ts";

/**
 * Whether a form post came from this site. Browsers say so in `Sec-Fetch-Site`; older ones name the
 * page's origin in `Origin`, except that our `Referrer-Policy: no-referrer` makes that `null`.
 */
export function sameOrigin(req: Request): boolean {
  const site = req.headers.get("sec-fetch-site");
  if (site !== null) return site === "same-origin";
  const origin = req.headers.get("origin");
  return origin === null || origin === "null" || origin === new URL(req.url).origin;
}

/** The fields of a posted form as strings (files are not taken). */
export async function formFields(req: Request): Promise<Record<string, string>> {
  const fields: Record<string, string> = {};
  try {
    for (const [name, value] of await req.formData()) {
      if (typeof value === "string") fields[name] = value;
    }
  } catch {
    // not a form body: no fields, and the page says what is missing
  }
  return fields;
}

/** The words for a refusal the API gave a form, for the message above it. */
export function problemText(problem: ApiProblem, t: Messages): string {
  if (problem.code === "csrf_failed") return t.session.csrfFailed;
  if (problem.code === "forbidden") return t.session.forbidden;
  if (problem.status === 401) return t.session.expired;
  return t.session.failed(problem.message);
}

/** Why a form was shown again: the words above it, and the words next to each field. */
export interface FormError {
  /** Which of the page's forms it belongs to. */
  readonly form: string;
  readonly message: string;
  /** Field name (without the API's `body.` prefix) to what is wrong with it, in the page's language. */
  readonly fields: Readonly<Record<string, string>>;
}

/**
 * A refusal as a form's error, each detail under its field's name (as the form names it) in the
 * page's language (`fieldMessage`); when fields are named, the words above ask to fix them.
 */
export function formError(
  form: string,
  problem: ApiProblem,
  t: Messages,
  rename: (name: string) => string = (name) => name,
): FormError {
  const fields: Record<string, string> = {};
  for (const detail of problem.details) {
    fields[rename(detail.field.replace(/^body\./, ""))] ??= fieldMessage(detail, t);
  }
  const message = problem.details.length > 0 ? t.fieldErrors.summary : problemText(problem, t);
  return { form, message, fields };
}

/** A form's error that the page itself found, before asking the API. */
export function pageError(form: string, message: string): FormError {
  return { form, message, fields: {} };
}

/**
 * A form field as the API's JSON wants it: digits (commas allowed, as people type won) become a
 * number, anything else stays text for the API to name as wrong.
 * @example numeric("1,000,000") // 1000000
 */
export function numeric(value: string | undefined): number | string {
  const text = (value ?? "").trim().replaceAll(",", "");
  return /^-?\d+(\.\d+)?$/.test(text) ? Number(text) : text;
}

/** After a change: back to the page by GET, saying which form succeeded (post/redirect/get). */
export function doneRedirect(path: string, form: string): Response {
  return new Response(null, {
    status: 303,
    headers: { location: `${path}?${new URLSearchParams({ done: form })}` },
  });
}
