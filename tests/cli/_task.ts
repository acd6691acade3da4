/**
 * Runs a `deno task` the way a user does: from a folder of their choosing (the task itself runs
 * in the project root, with the permissions deno.json gives it).
 * @module
 */

/** The project root. */
export const PROJECT_ROOT = decodeURIComponent(new URL("../..", import.meta.url).pathname).replace(
  /\/$/,
  "",
);

/** What a finished task printed and how it exited. */
export interface TaskRun {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

/** Runs `deno task <name> <args>` from `cwd` (default the project root), quietly. */
export async function runTask(
  name: string,
  args: readonly string[],
  options: { cwd?: string; env?: Record<string, string> } = {},
): Promise<TaskRun> {
  // deno task keeps an INIT_CWD it inherits, as `deno task test` sets one for this process.
  const { INIT_CWD: _, ...inherited } = Deno.env.toObject();
  const output = await new Deno.Command(Deno.execPath(), {
    args: ["task", "--quiet", "--config", `${PROJECT_ROOT}/deno.json`, name, ...args],
    cwd: options.cwd ?? PROJECT_ROOT,
    clearEnv: true,
    env: { ...inherited, NO_COLOR: "1", ...options.env },
    stdout: "piped",
    stderr: "piped",
    // A guard against a hang, not a timing assertion.
    signal: AbortSignal.timeout(60_000),
  }).output();
  const decode = (bytes: Uint8Array) => new TextDecoder().decode(bytes);
  return { code: output.code, stdout: decode(output.stdout), stderr: decode(output.stderr) };
}

/** The lines of a stream's text, without the empty last one. */
export function lines(text: string): string[] {
  return text.split("\n").filter((line, i, all) => line !== "" || i < all.length - 1);
}
