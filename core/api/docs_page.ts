/**
 * The page at `/api/docs`: every operation of the OpenAPI document, rendered on the server from
 * the document itself, with no script and nothing loaded from elsewhere.
 * @module
 */
import type { OpenAPIHono } from "@hono/zod-openapi";

/** The OpenAPI document as `@hono/zod-openapi` builds it. */
export type OpenApiDocument = ReturnType<OpenAPIHono["getOpenAPI31Document"]>;

const METHODS = ["get", "put", "post", "delete", "patch"] as const;

const escapeHtml = (text: string) => text.replace(/[&<>"']/g, (ch) => `&#${ch.charCodeAt(0)};`);

/** The docs page as HTML: one row per operation, with its summary and parameters. */
export function renderDocsPage(document: OpenApiDocument): string {
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
<style>
body { font-family: system-ui, sans-serif; margin: 1rem; }
.operations { overflow-x: auto; }
table { border-collapse: collapse; }
th, td { padding: 0.25rem 0.75rem; text-align: left; vertical-align: top; white-space: nowrap; }
</style></head>
<body><main>
<h1>${title}</h1>
<p>The machine-readable description is the <a href="/api/v1/openapi.json">OpenAPI 3.1 document</a>.
Every error answers <code>{ "error": { "code", "message", "details"? } }</code>.</p>
<div class="operations"><table>
<thead><tr><th>method</th><th>path</th><th>what</th><th>inputs</th><th>statuses</th></tr></thead>
<tbody>
${rows.join("\n")}
</tbody></table></div>
</main></body></html>`;
}
