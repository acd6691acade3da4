/**
 * What every environment sub-schema shares: an empty value counts as unset, a secret variable is
 * marked with {@link secretVariable} (so the start-up line masks it), and a failed parse becomes one
 * `Error` naming each bad variable.
 * @module
 */
import { z } from "zod";

/** A sub-schema of the environment: a zod object of variables, optionally piped into settings. */
export type EnvSection = z.ZodObject | z.ZodPipe<z.ZodObject, z.ZodType>;

/** Marks a variable's schema as holding a secret; call it last, after `.optional()`. */
export function secretVariable<T extends z.ZodType>(schema: T): T {
  return schema.meta({ secret: true });
}

/** Whether a variable's schema was marked with {@link secretVariable}. */
export function isSecretVariable(schema: z.ZodType): boolean {
  return z.globalRegistry.get(schema)?.secret === true;
}

/** The object of variables a section reads (its input side when it is piped into settings). */
export function variablesOf(section: EnvSection): z.ZodObject {
  return section instanceof z.ZodPipe ? section.in : section;
}

/** `env` with empty values removed, as `.env` files write an unset variable as `NAME=`. */
export function withoutBlanks(
  env: Readonly<Record<string, string | undefined>>,
): Record<string, string> {
  return Object.fromEntries(
    Object.entries(env).filter((entry): entry is [string, string] => !!entry[1]),
  );
}

/** Each issue's message once, in order (a variable several sections read is reported once). */
export function issueMessages(error: z.ZodError): string[] {
  return [...new Set(error.issues.map((issue) => issue.message))];
}

/**
 * Parses `env` with one section; throws `Error("invalid <label> environment: …")` listing every
 * problem.
 */
export function parseSection<S extends EnvSection>(
  section: S,
  env: Readonly<Record<string, string | undefined>>,
  label: string,
): z.output<S> {
  const result = section.safeParse(withoutBlanks(env));
  if (!result.success) {
    throw new Error(`invalid ${label} environment: ${issueMessages(result.error).join("; ")}`);
  }
  return result.data as z.output<S>;
}

/** Adds an issue naming `variable` to a transform's context. */
export function addProblem(ctx: z.RefinementCtx, variable: string, message: string): void {
  ctx.addIssue({ code: "custom", message, path: [variable] });
}
