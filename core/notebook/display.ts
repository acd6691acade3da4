/**
 * What the Deno Jupyter kernel displays: an object with a `Symbol.for("Jupyter.display")` method
 * returning a MIME bundle (the symbol `Deno.jupyter.$display` names, which exists only under
 * `deno jupyter`, so it is looked up by its registered key).
 * @module
 */

/** The key Deno's kernel looks for on a cell's value. */
export const JUPYTER_DISPLAY: unique symbol = Symbol.for("Jupyter.display");

/** A MIME bundle: always plain text, plus HTML, SVG or Markdown for frontends that render it. */
export interface MimeBundle {
  readonly "text/plain": string;
  readonly "text/html"?: string;
  readonly "image/svg+xml"?: string;
  readonly "text/markdown"?: string;
}

/** A displayable output: the kernel shows `bundle`; tests and callers read it directly. */
export class Output {
  /** The MIME bundle this output shows. */
  readonly bundle: MimeBundle;

  /** Wraps a bundle. */
  constructor(bundle: MimeBundle) {
    this.bundle = bundle;
  }

  /** The markup a rich frontend shows: HTML, else SVG, else Markdown, else the plain text. */
  get markup(): string {
    const b = this.bundle;
    return b["text/html"] ?? b["image/svg+xml"] ?? b["text/markdown"] ?? b["text/plain"];
  }

  /** Called by the Deno kernel when this is a cell's value or passed to `Deno.jupyter.display`. */
  [JUPYTER_DISPLAY](): MimeBundle {
    return this.bundle;
  }

  /** The plain-text form, for `console.log` and string contexts. */
  toString(): string {
    return this.bundle["text/plain"];
  }
}

/** Deno's Jupyter API when running under `deno jupyter`, else null (elsewhere it throws on access). */
function jupyterApi(): typeof Deno.jupyter | null {
  try {
    return Deno.jupyter;
  } catch {
    return null;
  }
}

/**
 * How long {@link show} lets the kernel publish before the cell ends. Deno 2.9's kernel sends
 * display messages from a queue drained beside the cell's execution and reports the cell idle
 * without waiting for it; nbclient (nbconvert) stops reading at idle, so a message still queued
 * is lost (denoland/deno cli/js/jupyter_kernel.js: iopubDrainer vs publishStatus).
 */
const SETTLE_MS = 150;

/**
 * Shows `outputs` now, in order: under the Deno kernel as display messages sent while the cell
 * runs, which headless runs keep (a cell's last expression is published after the cell ends and
 * nbclient sometimes misses it); elsewhere (`deno run`) as plain text on stdout.
 * @example
 * await show(title("Quickstart"), backtestReport(result));
 */
export async function show(...outputs: readonly Output[]): Promise<void> {
  const jupyter = jupyterApi();
  for (const output of outputs) {
    if (jupyter) await jupyter.display(output.bundle, { raw: true });
    else await Deno.stdout.write(new TextEncoder().encode(`${output.bundle["text/plain"]}\n`));
  }
  if (jupyter) await new Promise((resolve) => setTimeout(resolve, SETTLE_MS));
}

/** An HTML output with its plain-text fallback. */
export function htmlOutput(html: string, plain: string): Output {
  return new Output({ "text/html": html, "text/plain": plain });
}

/** An SVG output with its plain-text fallback. */
export function svgOutput(svg: string, plain: string): Output {
  return new Output({ "image/svg+xml": svg, "text/plain": plain });
}
