/**
 * The page at `/api/docs`: Swagger UI from our own build (its files under `/_fresh/js/`, started by
 * {@link DOCS_INIT_SCRIPT}) over every operation of the OpenAPI document, which is also rendered
 * on the server as a table for browsers without JavaScript. Nothing is loaded from elsewhere, and
 * {@link DOCS_CSP} keeps it so.
 * @module
 */
import type { OpenAPIHono } from "@hono/zod-openapi";

/** The OpenAPI document as `@hono/zod-openapi` builds it. */
export type OpenApiDocument = ReturnType<OpenAPIHono["getOpenAPI31Document"]>;

/** Swagger UI's script and stylesheet URLs (`_fresh/api_docs.json`, from `deno task build`). */
export interface DocsAssets {
  readonly script: string;
  readonly style: string;
}

/** Where the page's own start-up script is served. */
export const DOCS_INIT_PATH = "/api/docs/init.js";

/**
 * Starts Swagger UI on the document the page names and hides the table it replaces. A file of its
 * own, not inline, so the page's policy needs no `'unsafe-inline'` for scripts.
 */
export const DOCS_INIT_SCRIPT = `"use strict";
(() => {
  const root = document.getElementById("swagger-ui");
  if (!root || typeof window.SwaggerUIBundle !== "function") return;
  window.SwaggerUIBundle({
    url: root.dataset.spec,
    domNode: root,
    validatorUrl: null,
    deepLinking: false,
    docExpansion: "list",
    defaultModelsExpandDepth: -1,
  });
  document.getElementById("operations-table").hidden = true;
})();
`;

/**
 * The docs page's Content-Security-Policy: scripts, styles, fonts, images and requests from this
 * origin only (Swagger UI sets inline styles, hence `'unsafe-inline'` for styles alone; `data:`
 * images are its icons).
 */
export const DOCS_CSP = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data:",
  "font-src 'self'",
  "connect-src 'self'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join("; ");

const METHODS = ["get", "put", "post", "delete", "patch"] as const;

const escapeHtml = (text: string) => text.replace(/[&<>"']/g, (ch) => `&#${ch.charCodeAt(0)};`);

/**
 * The docs page as HTML: Swagger UI when `assets` are built, and one table row per operation with
 * its summary and parameters, which is all a browser without JavaScript shows.
 */
export function renderDocsPage(
  document: OpenApiDocument,
  specUrl: string,
  assets: DocsAssets | null = null,
): string {
  const rows: string[] = [];
  for (const [path, item] of Object.entries(document.paths ?? {})) {
    for (const method of METHODS) {
      const operation = item[method];
      if (operation === undefined) continue;
      const params = (operation.parameters ?? [])
        .map((p) => ("name" in p ? `${p.in} ${p.name}${p.required ? "" : "?"}` : ""))
        .filter((p) => p !== "");
      if (operation.requestBody !== undefined) params.push("JSON body");
      const statuses = Object.keys(operation.responses ?? {}).join(" ");
      rows.push(
        `<tr><td><code>${method.toUpperCase()}</code></td><td><code>${
          escapeHtml(path)
        }</code></td>` +
          `<td>${escapeHtml(operation.summary ?? "")}</td><td>${
            escapeHtml(params.join(", "))
          }</td>` +
          `<td>${statuses}</td></tr>`,
      );
    }
  }
  const title = escapeHtml(`${document.info.title} ${document.info.version}`);
  return `<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1"><title>${title}</title>
${
    assets === null ? "" : `<link rel="stylesheet" href="${escapeHtml(assets.style)}">
<script src="${escapeHtml(assets.script)}" defer></script>
<script src="${DOCS_INIT_PATH}" defer></script>`
  }
<style>
body { font-family: system-ui, sans-serif; margin: 1rem; }
.operations { overflow-x: auto; }
table { border-collapse: collapse; }
th, td { padding: 0.25rem 0.75rem; text-align: left; vertical-align: top; white-space: nowrap; }
</style></head>
<body><main>
<h1>${title}</h1>
<p>The machine-readable description is the <a href="${
    escapeHtml(specUrl)
  }">OpenAPI 3.1 document</a>.
Every error answers <code>{ "error": { "code", "message", "details"? } }</code>.</p>
<div id="swagger-ui" data-spec="${escapeHtml(specUrl)}"></div>
<div class="operations" id="operations-table"><table>
<thead><tr><th>method</th><th>path</th><th>what</th><th>inputs</th><th>statuses</th></tr></thead>
<tbody>
${rows.join("\n")}
</tbody></table></div>
</main></body></html>`;
}
