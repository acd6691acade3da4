/**
 * Renders a page (inside its layouts and `_app`) to HTML, and adds the island boot only when the
 * page rendered an island.
 * @module
 */
import { type ComponentType, h, type VNode } from "preact";
import { renderToString } from "preact-render-to-string";
import type { PageProps } from "./define.ts";
import { IslandCollector, withIslandCollector } from "./islands.ts";
import { escapeForScript, SerializationError, stringify } from "./serialize.ts";

/** Where the browser finds the built client code. */
export interface ClientBuild {
  /** URL of the boot module. */
  readonly boot: string;
  /** URL of each island's module, by island file (`./islands/X.tsx`). */
  readonly islands: Readonly<Record<string, string>>;
}

/** Everything needed to render one page. */
export interface PageRender {
  /** Outermost first: `_app`, then layouts from the root down; then the page itself last. */
  readonly wrappers: readonly ComponentType<PageProps>[];
  readonly page: ComponentType<PageProps>;
  readonly props: Omit<PageProps, "Component">;
  readonly client: ClientBuild | null;
}

/** Renders a page to a complete HTML document. */
export function renderPage({ wrappers, page, props, client }: PageRender): string {
  let inner: ComponentType = () => h(page, { ...props, Component: () => null });
  for (const wrapper of [...wrappers].reverse()) {
    const Component: ComponentType = inner;
    inner = (): VNode => h(wrapper, { ...props, Component }) as VNode;
  }
  const collector = new IslandCollector();
  const html = renderToString(withIslandCollector(collector, h(inner, null)));
  const document = html.startsWith("<html") ? `<!DOCTYPE html>${html}` : html;
  if (collector.rendered.length === 0) return document;
  if (client === null) throw new Error("this page renders islands but no client build is loaded");
  return injectBoot(document, bootMarkup(collector, client));
}

function bootMarkup(
  collector: IslandCollector,
  client: ClientBuild,
): { head: string; body: string } {
  const modules: Record<string, { url: string; exportName: string }> = {};
  for (const { island } of collector.rendered) {
    const url = client.islands[island.file];
    if (url === undefined) {
      throw new Error(`island ${island.file} is missing from the client build`);
    }
    modules[island.name] = { url, exportName: island.exportName };
  }
  const props = collector.rendered.map((entry) => entry.props);
  let serialized: string;
  try {
    serialized = stringify(props);
  } catch (error) {
    if (!(error instanceof SerializationError)) throw error;
    const [index, ...rest] = error.path;
    const island = collector.rendered[Number(index)]?.island.name ?? "?";
    throw new SerializationError(
      rest,
      `${error.reason} (island "${island}", prop "${rest.join(".")}")`,
    );
  }
  const state = escapeForScript(JSON.stringify({ islands: modules, props: serialized }));
  const urls = [client.boot, ...new Set(Object.values(modules).map((m) => m.url))];
  return {
    head: urls.map((url) => `<link rel="modulepreload" href="${escapeAttribute(url)}">`).join(""),
    body: `<script id="__FRSH_STATE" type="application/json">${state}</script>` +
      `<script type="module" src="${escapeAttribute(client.boot)}"></script>`,
  };
}

function injectBoot(document: string, markup: { head: string; body: string }): string {
  const head = document.indexOf("</head>");
  const withHead = head === -1
    ? document
    : document.slice(0, head) + markup.head + document.slice(head);
  const body = withHead.lastIndexOf("</body>");
  return body === -1
    ? withHead + markup.body
    : withHead.slice(0, body) + markup.body + withHead.slice(body);
}

function escapeAttribute(text: string): string {
  return text.replace(/&/g, "&amp;").replace(/"/g, "&quot;").replace(/</g, "&lt;");
}
