/**
 * Parsing notebook input at its boundary: zod schemas, and one error class whose message names
 * each bad field.
 * @module
 */
import { z } from "zod";

/** Thrown for notebook input that fails its schema; the message names each bad field. */
export class NotebookInputError extends TypeError {
  /** Builds the error from what was being parsed and zod's issues. */
  constructor(what: string, error: z.ZodError) {
    super(`${what}: ${z.prettifyError(error)}`);
    this.name = "NotebookInputError";
  }
}

/** `schema.parse(input)`, throwing {@link NotebookInputError} naming `what` on failure. */
export function parseInput<S extends z.ZodType>(
  schema: S,
  input: unknown,
  what: string,
): z.output<S> {
  const result = schema.safeParse(input);
  if (!result.success) throw new NotebookInputError(what, result.error);
  return result.data;
}
