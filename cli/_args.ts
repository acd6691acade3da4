/**
 * What every CLI shares: arguments parsed with `node:util`'s `parseArgs` into human messages,
 * `--help`, paths resolved against the caller's folder, and one closing line with a consistent
 * exit code (0 done, 1 refused, 2 usage).
 * @module
 */
// deno-lint-ignore-file no-console
import { isAbsolute, resolve } from "node:path";
import { parseArgs, type ParseArgsOptionsConfig } from "node:util";

/** Bad command-line input, configuration or input file; the CLI exits with code 2. */
export class UsageError extends Error {
  /** Whether the closing line points at `--help` (not for a bad file, whose line says it all). */
  readonly helpHint: boolean;

  /** Builds the error; the message is printed after the CLI's name. */
  constructor(message: string, options: { helpHint?: boolean } = {}) {
    super(message);
    this.name = "UsageError";
    this.helpHint = options.helpHint ?? true;
  }
}

/** The exit code of a CLI: success, an operation that was refused or failed, bad usage. */
export const EXIT = { ok: 0, refused: 1, usage: 2 } as const;

/** Which positional arguments a command takes, by the names its usage shows them under. */
export interface Positionals {
  /** Required names in order, e.g. `["<code>", "<price>"]`. */
  readonly required?: readonly string[];
  /** Whether more positionals may follow the required ones (e.g. `<code>...`). */
  readonly rest?: boolean;
}

/**
 * Parses `argv` strictly against `options` (plus `--help`), turning parseArgs' errors into
 * `UsageError`s such as `unknown option --speed` or `--csv needs a value`.
 * @example
 * ```ts
 * const { values } = parseCommand(["--json"], { json: { type: "boolean" } });
 * ```
 */
export function parseCommand<const O extends ParseArgsOptionsConfig>(
  argv: readonly string[],
  options: O,
  positionals: Positionals = {},
): ReturnType<typeof parseArgs<{ options: O; args: string[]; allowPositionals: true }>> {
  let parsed;
  try {
    parsed = parseArgs({ args: [...argv], options, allowPositionals: true, strict: true });
  } catch (error) {
    throw new UsageError(parseArgsMessage(error));
  }
  const required = positionals.required ?? [];
  const missing = required[parsed.positionals.length];
  if (missing !== undefined) throw new UsageError(`missing ${missing}`);
  const extra = parsed.positionals[required.length];
  if (!positionals.rest && extra !== undefined) {
    throw new UsageError(`unexpected argument "${extra}"`);
  }
  return parsed;
}

function parseArgsMessage(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  const code = (error as { code?: string }).code;
  const option = /'(--?[\w-]+)/.exec(message)?.[1];
  if (code === "ERR_PARSE_ARGS_UNKNOWN_OPTION") return `unknown option ${option}`;
  if (code === "ERR_PARSE_ARGS_INVALID_OPTION_VALUE") {
    return message.includes("does not take")
      ? `${option} takes no value`
      : `${option} needs a value`;
  }
  if (code === "ERR_PARSE_ARGS_UNEXPECTED_POSITIONAL") {
    return `unexpected argument "${/'([^']*)'/.exec(message)?.[1]}"`;
  }
  return message;
}

/** What a command's arguments parse into. */
export type ParsedCommand<O extends ParseArgsOptionsConfig> = ReturnType<typeof parseCommand<O>>;

/** A command's work once its arguments are valid: runs with the CLI's context (a broker...). */
export type Job<Context> = (context: Context) => Promise<void>;

/** One row of a CLI's command table. */
export interface Command<Context> {
  /** The command with its arguments as the usage shows them, e.g. `price <code>`. */
  readonly synopsis: string;
  /** What it does, in a few words. */
  readonly summary: string;
  /** Parses and checks the arguments after the command's name (throwing `UsageError`s). */
  prepare(argv: readonly string[]): Job<Context>;
}

/** A command's declaration: its options and positionals, and how valid arguments become a job. */
export interface CommandSpec<Context, O extends ParseArgsOptionsConfig> {
  readonly synopsis: string;
  readonly summary: string;
  readonly options: O;
  readonly positionals?: Positionals;
  prepare(args: ParsedCommand<O>): Job<Context>;
}

/**
 * Declares one command of a command table; the arguments are parsed with `parseCommand`.
 * @example
 * ```ts
 * const price = defineCommand({
 *   synopsis: "price <code>",
 *   summary: "current price",
 *   options: { json: { type: "boolean" } },
 *   positionals: { required: ["<code>"] },
 *   prepare: ({ positionals }) => async (broker: Broker) => show(await broker.getQuote(positionals[0]!)),
 * });
 * ```
 */
export function defineCommand<Context, const O extends ParseArgsOptionsConfig>(
  spec: CommandSpec<Context, O>,
): Command<Context> {
  return {
    synopsis: spec.synopsis,
    summary: spec.summary,
    prepare: (argv) => spec.prepare(parseCommand(argv, spec.options, spec.positionals)),
  };
}

/**
 * Picks the command named by the first argument and parses the rest for it.
 * @throws {UsageError} for a missing or unknown command, or bad arguments.
 */
export function prepareCommand<Context>(
  commands: Readonly<Record<string, Command<Context>>>,
  argv: readonly string[],
): Job<Context> {
  const [name, ...rest] = argv;
  if (name === undefined || name.startsWith("-")) throw new UsageError("missing command");
  const command = Object.hasOwn(commands, name) ? commands[name] : undefined;
  if (!command) throw new UsageError(`unknown command "${name}"`);
  return command.prepare(rest);
}

/** The command list of a usage text: synopses in one column, summaries in the next. */
export function commandList<Context>(
  commands: Readonly<Record<string, Command<Context>>>,
): string {
  const rows = Object.values(commands);
  const width = Math.max(...rows.map((c) => c.synopsis.length));
  return rows.map((c) => `  ${c.synopsis.padEnd(width)}  ${c.summary}`).join("\n");
}

/**
 * Resolves a path typed by the user against the folder they ran `deno task` from: deno task runs
 * every task in the project root and passes the caller's folder as `INIT_CWD`.
 */
export function resolveUserPath(path: string, env = Deno.env.get("INIT_CWD")): string {
  return isAbsolute(path) ? path : resolve(env ?? Deno.cwd(), path);
}

/** How a CLI presents itself and its errors. */
export interface CliSpec {
  /** The task name, which starts every error line, e.g. `kis`. */
  readonly name: string;
  /** The help text `--help` prints. */
  readonly usage: string;
  /**
   * One line for an error the CLI expects (a broker's refusal, a bad file), or `undefined` for
   * one it does not know, which is still printed as one line.
   */
  readonly describeError?: (error: unknown) => string | undefined;
}

/**
 * Runs a CLI's `main`: `--help`/`-h` prints the usage; a `UsageError` ends with exit code 2 and
 * any other error with 1, each as one line `<name>: <message>` on stderr.
 */
export async function runCli(
  spec: CliSpec,
  main: (argv: readonly string[]) => Promise<void>,
  argv: readonly string[] = Deno.args,
): Promise<void> {
  if (argv.includes("--help") || argv.includes("-h")) {
    console.log(spec.usage);
    return;
  }
  try {
    await main(argv);
  } catch (error) {
    const { line, code } = closingLine(spec, error);
    console.error(line);
    Deno.exit(code);
  }
}

/** The one line and exit code a CLI ends with after `error`. */
export function closingLine(spec: CliSpec, error: unknown): { line: string; code: number } {
  if (error instanceof UsageError) {
    const hint = error.helpHint ? ` (deno task ${spec.name} --help shows the usage)` : "";
    return { line: `${spec.name}: ${error.message}${hint}`, code: EXIT.usage };
  }
  const known = spec.describeError?.(error);
  const text = known ?? (error instanceof Error ? error.message : String(error));
  return { line: `${spec.name}: ${text}`, code: EXIT.refused };
}

/**
 * One line for a server that could not start listening on `address`, or `undefined` when
 * `error` is not such a failure.
 * @example
 * ```ts
 * listenFailure(new Deno.errors.AddrInUse("..."), "0.0.0.0:8000");
 * // "cannot listen on 0.0.0.0:8000: the port is already in use by another process"
 * ```
 */
export function listenFailure(error: unknown, address: string): string | undefined {
  const reason = error instanceof Deno.errors.AddrInUse
    ? "the port is already in use by another process"
    : error instanceof Deno.errors.AddrNotAvailable
    ? "this machine has no such address"
    : error instanceof Deno.errors.PermissionDenied
    ? "the system refused (ports below 1024 need privileges)"
    : error instanceof Deno.errors.NotCapable
    ? "this process has no permission to listen there"
    : error instanceof Error && /lookup|resolve|Name or service/i.test(error.message)
    ? `the host name does not resolve (${error.message})`
    : undefined;
  return reason === undefined ? undefined : `cannot listen on ${address}: ${reason}`;
}
