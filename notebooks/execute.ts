// deno-lint-ignore-file no-console
/**
 * Runs the notebooks headless: installs Deno's Jupyter kernel spec when it is missing, then
 * executes every `notebooks/*.ipynb` with Jupyter's nbconvert into an output folder (never over
 * the committed files). `deno task notebooks [--out DIR]`; `deno task notebooks:lab` prints how to
 * open them interactively. The tests import the same helpers.
 * @module
 */
import { basename, dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";

/** The folder holding the notebooks. */
export const NOTEBOOKS_DIR = dirname(fileURLToPath(import.meta.url));

/** The `jupyter` command (override with `JUPYTER_PATH`). */
export const JUPYTER = Deno.env.get("JUPYTER_PATH") ?? "jupyter";

/** The kernel spec name the notebooks' metadata names. */
export const KERNEL_NAME = "deno";

/** The committed notebooks, in order. */
export function notebookPaths(): string[] {
  return [...Deno.readDirSync(NOTEBOOKS_DIR)]
    .filter((entry) => entry.isFile && entry.name.endsWith(".ipynb"))
    .map((entry) => join(NOTEBOOKS_DIR, entry.name))
    .sort();
}

async function run(
  command: string,
  args: readonly string[],
  env: Record<string, string> = {},
): Promise<{ code: number; stdout: string; stderr: string }> {
  const output = await new Deno.Command(command, {
    args: [...args],
    env,
    stdout: "piped",
    stderr: "piped",
  }).output();
  const decode = (bytes: Uint8Array) => new TextDecoder().decode(bytes);
  return { code: output.code, stdout: decode(output.stdout), stderr: decode(output.stderr) };
}

/** Whether `jupyter nbconvert` can be run; null when it can, else why not. */
export async function jupyterMissing(): Promise<string | null> {
  try {
    const { code } = await run(JUPYTER, ["nbconvert", "--version"]);
    return code === 0 ? null : `"${JUPYTER} nbconvert" does not run`;
  } catch {
    return `no ${JUPYTER} command`;
  }
}

/** Whether Jupyter lists the Deno kernel spec. */
export async function kernelInstalled(): Promise<boolean> {
  const { code, stdout } = await run(JUPYTER, ["kernelspec", "list", "--json"]);
  if (code !== 0) return false;
  const specs = JSON.parse(stdout) as { kernelspecs?: Record<string, unknown> };
  return Object.hasOwn(specs.kernelspecs ?? {}, KERNEL_NAME);
}

/**
 * Installs the kernel spec with this Deno (`deno jupyter --install`) unless it is there; throws
 * naming what to install when Jupyter itself is missing.
 */
export async function ensureKernel(): Promise<void> {
  const missing = await jupyterMissing();
  if (missing !== null) {
    throw new Error(
      `${missing}: apt-get install jupyter-nbconvert jupyter-client python3-nbclient`,
    );
  }
  if (await kernelInstalled()) return;
  const { code, stderr } = await run(Deno.execPath(), ["jupyter", "--install"]);
  if (code !== 0) throw new Error(`deno jupyter --install failed: ${stderr.trim()}`);
}

/** The outcome of one notebook: where its executed copy is, and nbconvert's exit and stderr. */
export interface NotebookRun {
  readonly notebook: string;
  readonly executed: string;
  readonly ok: boolean;
  readonly stderr: string;
}

/**
 * Executes `notebook` into `outDir` (same file name); a cell error fails it. `env` is added to
 * the kernel's environment (e.g. `YEOUIDO_BARS_CSV`).
 */
export async function executeNotebook(
  notebook: string,
  outDir: string,
  env: Record<string, string> = {},
): Promise<NotebookRun> {
  const { code, stderr } = await run(JUPYTER, [
    "nbconvert",
    "--to",
    "notebook",
    "--execute",
    "--ExecutePreprocessor.timeout=300",
    `--ExecutePreprocessor.kernel_name=${KERNEL_NAME}`,
    "--output-dir",
    outDir,
    notebook,
  ], env);
  return { notebook, executed: join(outDir, basename(notebook)), ok: code === 0, stderr };
}

const LAB_HELP = `Open the notebooks interactively (Deno's kernel, JupyterLab or VS Code):

  deno jupyter --install           # once: registers the "deno" kernel with Jupyter
  jupyter lab notebooks/           # JupyterLab (pip install jupyterlab, or your distribution's package)
  code notebooks/01_quickstart.ipynb   # VS Code with the Jupyter extension; pick the "Deno" kernel

Bars come from the simulator's seeded history; set YEOUIDO_BARS_CSV=/path/to/bars.csv (or a
folder of <code>.csv files) before starting Jupyter to use your own. Run all cells after a change;
restart the kernel after editing deno.json or core/ modules.`;

async function main(args: readonly string[]): Promise<number> {
  const { values } = parseArgs({
    args: [...args],
    options: { out: { type: "string" }, lab: { type: "boolean" } },
  });
  if (values.lab) {
    console.log(LAB_HELP);
    return 0;
  }
  try {
    await ensureKernel();
  } catch (error) {
    console.error((error as Error).message);
    return 2;
  }
  const outDir = values.out ?? await Deno.makeTempDir({ prefix: "yeouido-notebooks-" });
  await Deno.mkdir(outDir, { recursive: true });
  let failed = 0;
  for (const notebook of notebookPaths()) {
    const started = performance.now();
    const result = await executeNotebook(notebook, outDir);
    const seconds = ((performance.now() - started) / 1000).toFixed(1);
    console.log(`${result.ok ? "ok  " : "FAIL"} ${basename(notebook)} (${seconds} s)`);
    if (!result.ok) {
      failed++;
      console.error(result.stderr.trim());
    }
  }
  console.log(`executed notebooks are in ${outDir}`);
  return failed === 0 ? 0 : 1;
}

if (import.meta.main) Deno.exit(await main(Deno.args));
