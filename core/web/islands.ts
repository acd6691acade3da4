/**
 * Server side of islands: knows which components are islands, and wraps each one rendered outside
 * another island in comment markers that carry its name and the index of its props.
 * @module
 */
import { type ComponentType, createContext, Fragment, h, options, type VNode } from "preact";
import { useContext } from "preact/hooks";

/** An island: its registered name and where its code lives. */
export interface IslandInfo {
  /** Unique island name, used in markers and by the browser boot. */
  readonly name: string;
  /** The island module's path relative to the project, e.g. `./islands/Counter.tsx`. */
  readonly file: string;
  /** Which export of that module is the component. */
  readonly exportName: string;
}

/** Collects the islands rendered on one page, in order. */
export class IslandCollector {
  /** One entry per rendered island. */
  readonly rendered: { island: IslandInfo; props: Record<string, unknown> }[] = [];
}

const CollectorContext = createContext<IslandCollector | null>(null);
const InsideIsland = createContext(false);
const islands = new Map<ComponentType, IslandInfo>();
const markers = new Map<ComponentType, ComponentType>();
let creatingInner = false;

/**
 * Registers every exported function of each island module: the default export under the file's
 * base name, named exports under their own names.
 * @param modules island modules keyed by project-relative path, as in the manifest.
 */
export function registerIslands(modules: Record<string, Record<string, unknown>>): IslandInfo[] {
  installHook();
  const infos: IslandInfo[] = [];
  for (const [file, mod] of Object.entries(modules)) {
    for (const [exportName, value] of Object.entries(mod)) {
      if (typeof value !== "function") continue;
      const component = value as ComponentType;
      const existing = islands.get(component);
      if (existing) {
        infos.push(existing);
        continue;
      }
      const name = exportName === "default" ? islandNameFromFile(file) : exportName;
      const clash = [...islands.values()].find((info) => info.name === name && info.file !== file);
      if (clash) throw new Error(`island name "${name}" is used by both ${clash.file} and ${file}`);
      const info = { name, file, exportName };
      islands.set(component, info);
      markers.set(component, markerFor(component, info));
      infos.push(info);
    }
  }
  return infos;
}

/** `./islands/live-clock.tsx` → `live_clock`; `./islands/Counter.tsx` → `Counter`. */
export function islandNameFromFile(file: string): string {
  const base = (file.split("/").pop() ?? file).replace(/\.(tsx|jsx|ts|js)$/, "");
  const name = base.replace(/[^\w$]/g, "_");
  return /^\d/.test(name) ? `_${name}` : name;
}

/** Wraps a page tree so islands rendered inside it are recorded in `collector`. */
export function withIslandCollector(collector: IslandCollector, tree: VNode): VNode {
  return h(CollectorContext.Provider, { value: collector }, tree) as VNode;
}

function markerFor(component: ComponentType, info: IslandInfo): ComponentType {
  const Island = (props: Record<string, unknown>) => {
    const collector = useContext(CollectorContext);
    const nested = useContext(InsideIsland);
    const inner = createInner(component, props);
    if (collector === null || nested) return inner;
    const index = collector.rendered.push({ island: info, props }) - 1;
    return h(
      Fragment,
      null,
      comment(`frsh:island:${info.name}:${index}`),
      h(InsideIsland.Provider, { value: true }, inner),
      comment("/frsh:island"),
    );
  };
  Island.displayName = `Island(${info.name})`;
  return Island;
}

/** An HTML comment, through preact-render-to-string's comment Fragment. */
function comment(text: string): VNode {
  return h(Fragment as ComponentType<{ UNSTABLE_comment: string }>, {
    UNSTABLE_comment: text,
  }) as VNode;
}

function createInner(component: ComponentType, props: Record<string, unknown>): VNode {
  creatingInner = true;
  try {
    return h(component, props);
  } finally {
    creatingInner = false;
  }
}

let hookInstalled = false;

function installHook(): void {
  if (hookInstalled) return;
  hookInstalled = true;
  const previous = options.vnode;
  options.vnode = (vnode) => {
    if (!creatingInner && typeof vnode.type === "function") {
      const marker = markers.get(vnode.type);
      if (marker) vnode.type = marker;
    }
    previous?.(vnode);
  };
}
