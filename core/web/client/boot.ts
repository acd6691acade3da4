/**
 * The browser side of islands: reads the page's island state, loads each island's module and
 * renders it between its comment markers. Loaded once per page as a module script.
 * @module
 */
import { type ComponentType, h, render } from "preact";
import { parse } from "../serialize.ts";

interface IslandState {
  readonly islands: Record<string, { url: string; exportName: string }>;
  readonly props: string;
}

const START = /^frsh:island:([^:]+):(\d+)$/;
const END = "/frsh:island";

async function boot(): Promise<void> {
  const element = document.getElementById("__FRSH_STATE");
  if (!element?.textContent) return;
  const state = JSON.parse(element.textContent) as IslandState;
  const props = parse(state.props) as Record<string, unknown>[];
  const components = new Map<string, ComponentType>();
  await Promise.all(
    Object.entries(state.islands).map(async ([name, { url, exportName }]) => {
      const { island } = await import(url) as { island: Record<string, ComponentType> };
      const component = island[exportName];
      if (!component) throw new Error(`island module ${url} has no export "${exportName}"`);
      components.set(name, component);
    }),
  );
  const renders = findIslandRanges(document.body).map(({ name, index, start, end }) => {
    const component = components.get(name);
    if (!component) return Promise.resolve();
    return schedule(() => render(h(component, props[index] ?? {}), rootFragment(start, end)));
  });
  await Promise.all(renders);
  // Tests and tools wait on this instead of guessing when the islands became interactive.
  document.documentElement.dataset.islands = "ready";
}

interface IslandRange {
  readonly name: string;
  readonly index: number;
  readonly start: Comment;
  readonly end: Comment;
}

function findIslandRanges(root: Node): IslandRange[] {
  const ranges: IslandRange[] = [];
  const walker = document.createTreeWalker(root, NodeFilter.SHOW_COMMENT);
  const open: { name: string; index: number; start: Comment }[] = [];
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    const comment = node as Comment;
    const match = START.exec(comment.data);
    if (match) open.push({ name: match[1]!, index: Number(match[2]), start: comment });
    else if (comment.data === END) {
      const begin = open.pop();
      if (!begin) continue;
      if (begin.start.parentNode !== comment.parentNode) {
        // deno-lint-ignore no-console
        console.error(
          `island ${begin.name}: markers were re-parented by the browser (invalid HTML nesting)`,
        );
        continue;
      }
      ranges.push({ ...begin, end: comment });
    }
  }
  return ranges;
}

/**
 * A stand-in parent that exposes only the nodes between two markers, so Preact renders an island
 * in place without touching its siblings.
 */
function rootFragment(start: Comment, end: Comment): Element {
  const parent = start.parentNode!;
  const children: Node[] = [];
  for (let node = start.nextSibling; node && node !== end; node = node.nextSibling) {
    children.push(node);
  }
  const fragment = {
    nodeType: 1,
    parentNode: parent,
    namespaceURI: (parent as Element).namespaceURI,
    get firstChild() {
      const first = start.nextSibling;
      return first === end ? null : first;
    },
    childNodes: children,
    insertBefore: (node: Node, before: Node | null) => parent.insertBefore(node, before ?? end),
    appendChild: (node: Node) => parent.insertBefore(node, end),
    removeChild: (node: Node) => parent.removeChild(node),
  };
  return fragment as unknown as Element;
}

function schedule(task: () => void): Promise<void> {
  const scheduler =
    (globalThis as { scheduler?: { postTask(task: () => void): Promise<void> } }).scheduler;
  if (scheduler) return scheduler.postTask(task);
  return new Promise((resolve, reject) =>
    setTimeout(() => {
      try {
        task();
        resolve();
      } catch (error) {
        reject(error);
      }
    }, 0)
  );
}

// deno-lint-ignore no-console
boot().catch((error) => console.error("island boot failed", error));
