/**
 * The alert module's one error class.
 * @module
 */

/** One problem with an alert's input, with the dotted path of the field it is about. */
export interface AlertIssue {
  readonly path: string;
  readonly message: string;
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
