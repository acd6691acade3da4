/**
 * A Dockerfile reader for the instructions this project's Dockerfile uses (FROM, ARG, RUN, COPY,
 * ENV, WORKDIR, USER, VOLUME, EXPOSE, HEALTHCHECK, CMD, ENTRYPOINT): comments and blank lines
 * dropped, `\` line continuations joined (comment lines inside one skipped, as BuildKit does),
 * leading `--name=value` flags split off, and JSON (exec) or shell form told apart.
 * @module
 */

/** One instruction, its continuation lines joined. */
export interface Instruction {
  /** Upper-cased, e.g. `COPY`. */
  readonly keyword: string;
  /** Leading `--name=value` flags, e.g. `{ from: "build" }`; a bare `--name` maps to `""`. */
  readonly flags: Readonly<Record<string, string>>;
  /** The text after the keyword and its flags. */
  readonly args: string;
  /** 1-based line where the instruction starts. */
  readonly line: number;
}

/** A build stage: its `FROM` and the instructions up to the next one. */
export interface Stage {
  readonly image: string;
  /** The `AS` name, if any. */
  readonly name?: string;
  readonly instructions: readonly Instruction[];
}

/** A parsed Dockerfile: `ARG`s before the first `FROM`, then the stages in order. */
export interface Dockerfile {
  readonly globalArgs: readonly Instruction[];
  readonly stages: readonly Stage[];
}

/** Joins continuation lines into logical instructions with their first line number. */
function logicalLines(text: string): { text: string; line: number }[] {
  const lines = text.split(/\r?\n/);
  const out: { text: string; line: number }[] = [];
  let current: { text: string; line: number } | undefined;
  lines.forEach((raw, index) => {
    const trimmed = raw.trim();
    if (trimmed.startsWith("#") || (current === undefined && trimmed === "")) return;
    const continues = /\\\s*$/.test(raw);
    const piece = continues ? raw.replace(/\\\s*$/, "") : raw;
    if (current === undefined) current = { text: piece.trim(), line: index + 1 };
    else current.text += " " + piece.trim();
    if (!continues) {
      out.push({ text: current.text.trim(), line: current.line });
      current = undefined;
    }
  });
  if (current !== undefined) out.push({ text: current.text.trim(), line: current.line });
  return out;
}

function instruction(text: string, line: number): Instruction {
  const match = /^(\S+)\s*(.*)$/s.exec(text)!;
  let rest = match[2]!;
  const flags: Record<string, string> = {};
  for (
    let flag = /^--([\w-]+)(?:=(\S*))?\s*/.exec(rest);
    flag;
    flag = /^--([\w-]+)(?:=(\S*))?\s*/.exec(rest)
  ) {
    flags[flag[1]!] = flag[2] ?? "";
    rest = rest.slice(flag[0].length);
  }
  return { keyword: match[1]!.toUpperCase(), flags, args: rest.trim(), line };
}

/**
 * Parses a Dockerfile's text.
 * @example
 * ```ts
 * parseDockerfile("FROM debian AS base\nUSER 10001").stages[0]!.name; // "base"
 * ```
 */
export function parseDockerfile(text: string): Dockerfile {
  const globalArgs: Instruction[] = [];
  const stages: { image: string; name?: string; instructions: Instruction[] }[] = [];
  for (const { text: logical, line } of logicalLines(text)) {
    const parsed = instruction(logical, line);
    if (parsed.keyword === "FROM") {
      const [image, as, name] = parsed.args.split(/\s+/);
      stages.push({
        image: image!,
        ...(as?.toUpperCase() === "AS" && name ? { name } : {}),
        instructions: [],
      });
    } else if (stages.length === 0) {
      if (parsed.keyword !== "ARG") {
        throw new Error(`line ${line}: ${parsed.keyword} before the first FROM`);
      }
      globalArgs.push(parsed);
    } else {
      stages.at(-1)!.instructions.push(parsed);
    }
  }
  return { globalArgs, stages };
}

/** The argument list of an exec-form (JSON array) `args`, or `null` for the shell form. */
export function execForm(args: string): string[] | null {
  if (!args.startsWith("[")) return null;
  try {
    const value: unknown = JSON.parse(args);
    if (Array.isArray(value) && value.every((item) => typeof item === "string")) return value;
  } catch {
    // Docker runs a malformed JSON array as a shell command.
  }
  return null;
}

/** Splits `key=value` words, honouring double and single quotes. */
function words(text: string): string[] {
  return [...text.matchAll(/(?:[^\s"']+|"(?:\\.|[^"\\])*"|'[^']*')+/g)].map((m) => m[0]);
}

function unquote(value: string): string {
  return value.replace(
    /"((?:\\.|[^"\\])*)"|'([^']*)'/g,
    (_, dq, sq) => sq ?? (dq as string).replace(/\\(.)/g, "$1"),
  );
}

/**
 * The variables an `ENV` (or `ARG`) sets: `A=1 B="two words"`, or the legacy `A value` form; an
 * `ARG` without a default maps to `undefined`.
 */
export function assignments(args: string): Record<string, string | undefined> {
  const list = words(args);
  if (list.length > 0 && !list[0]!.includes("=")) {
    const [name, ...value] = args.split(/\s+/);
    return { [name!]: value.length > 0 ? unquote(value.join(" ")) : undefined };
  }
  return Object.fromEntries(list.map((word) => {
    const at = word.indexOf("=");
    return [word.slice(0, at), unquote(word.slice(at + 1))];
  }));
}

/** The instructions with `keyword` in `stage`. */
export function instructionsOf(stage: Stage, keyword: string): Instruction[] {
  return stage.instructions.filter((i) => i.keyword === keyword);
}

/** Splits a `HEALTHCHECK`'s arguments into its `CMD` part (exec or shell form), or `NONE`. */
export function healthcheckCommand(check: Instruction): string[] | string | "NONE" {
  if (check.args === "NONE") return "NONE";
  const match = /^CMD\s+(.*)$/is.exec(check.args);
  if (!match) throw new Error(`line ${check.line}: HEALTHCHECK without CMD`);
  return execForm(match[1]!) ?? match[1]!;
}
