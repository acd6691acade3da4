/**
 * The alert module's one error class.
 * @module
 */
import type { z } from "zod";

/** One problem with an alert's input, with the dotted path of the field it is about. */
export interface AlertIssue {
  readonly path: string;
  readonly message: string;
  /** A stable code of the problem, e.g. `needs_average_cost` (for words in other languages). */
  readonly code?: string;
  /** The schema's own issue, when a schema found it. */
  readonly cause?: z.core.$ZodIssue;
}

/** Input that cannot become an alert, or a state change an alert's state does not allow. */
export class AlertValidationError extends Error {
  /** Every problem found, each naming its field. */
  readonly issues: readonly AlertIssue[];

  /** Builds the message as `path: message; path: message`. */
  constructor(issues: readonly AlertIssue[]) {
    super(issues.map((i) => `${i.path}: ${i.message}`).join("; "));
    this.name = "AlertValidationError";
    this.issues = issues;
  }
}
