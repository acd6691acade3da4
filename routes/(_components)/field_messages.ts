/**
 * The words next to a form field for a problem the API found, in the page's language: chosen by
 * the detail's issue code and field name (`details[].issue`, `params`), never by reading the
 * API's English message, which is shown only for a problem the table does not know.
 * @module
 */
import type { Messages } from "@/core/web/i18n/mod.ts";

/** One field problem as the API reports it. */
export interface FieldIssue {
  readonly field: string;
  readonly message: string;
  readonly issue?: string;
  readonly params?: Readonly<Record<string, string | number | boolean>>;
}

/** `body.rule.trigger.percent` → `rule.trigger.percent`; `enabledKinds[1]` → `enabledKinds`. */
function plainName(field: string): string {
  return field.replace(/^(body|query|path)\./, "").replace(/\[\d+\]/g, "");
}

/** A limit as the page shows numbers: `1,000,000`. */
function limitText(value: string | number | boolean | undefined): string {
  return typeof value === "number" ? value.toLocaleString("en") : String(value ?? "");
}

/** The words for `problem` in the language of `t`. */
export function fieldMessage(problem: FieldIssue, t: Messages): string {
  const f = t.fieldErrors;
  const specific = f.specific[`${plainName(problem.field)}:${problem.issue}`];
  if (specific !== undefined) return specific;
  const p = problem.params ?? {};
  const inclusive = p.inclusive !== false;
  switch (problem.issue) {
    case "invalid_type":
      if (p.expected === "int") return f.integer;
      if (p.expected === "number") return f.number;
      return p.expected === "string" ? f.text : f.invalid;
    case "too_small":
      if (p.origin === "string") return f.minLength(limitText(p.minimum));
      if (p.origin === "array" || p.origin === "set") return f.minItems(limitText(p.minimum));
      return f.min(limitText(p.minimum), inclusive);
    case "too_big":
      if (p.origin === "string") return f.maxLength(limitText(p.maximum));
      if (p.origin === "array" || p.origin === "set") return f.maxItems(limitText(p.maximum));
      return f.max(limitText(p.maximum), inclusive);
    case "invalid_format":
      return f.format;
    case "invalid_value":
      return f.choice(String(p.values ?? ""));
    case "unrecognized_keys":
      return f.unknownField;
    default:
      return problem.message;
  }
}
