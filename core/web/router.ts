/**
 * Turns a manifest into a request handler with Fresh's semantics: the most specific route wins,
 * `_middleware` runs root to leaf, pages render inside `_layout`s and `_app`, missing methods get
 * 405, HEAD falls back to GET, and `_404`/`_500` answer errors.
 * @module
 */
import type { ComponentType } from "preact";
import type {
  Context,
  HandlerFn,
  Middleware,
  PageProps,
  PageResponse,
  RouteModule,
} from "./define.ts";
import { HttpError } from "./define.ts";
import {
  classifyRouteFile,
  compareRoutePatterns,
  folderChain,
  type RouteFile,
} from "./fs_routes.ts";
import { registerIslands } from "./islands.ts";
import type { Manifest } from "./manifest.ts";
import { type ClientBuild, renderPage } from "./render.ts";

/** Called with errors that became a 500 response. */
export type ErrorReporter = (error: unknown, req: Request) => void;

interface CompiledRoute {
  readonly file: string;
  readonly pattern: URLPattern;
  readonly module: RouteModule;
  readonly middlewares: readonly Middleware[];
  readonly wrappers: readonly ComponentType<PageProps>[];
}

type Special = Map<string, RouteModule>;

const METHODS = ["GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"] as const;

/**
 * Builds the file-system router for a manifest.
 * @param client the built browser code, or `null` when no page uses islands.
 */
export function createRouter(
  manifest: Manifest,
  client: ClientBuild | null,
  reportError: ErrorReporter = () => {},
): (req: Request) => Promise<Response> {
  registerIslands(manifest.islands);
  const files = Object.keys(manifest.routes).map((key) => ({
    ...classifyRouteFile(key.replace(/^\.\/routes\//, "")),
    module: manifest.routes[key]!,
  }));
  const byKind = (kind: RouteFile["kind"]): Special =>
    new Map(files.filter((f) => f.kind === kind).map((f) => [f.folder, f.module]));
  const layouts = byKind("layout");
  const middlewares = byKind("middleware");
  const app = byKind("app").get("");
  const notFound = byKind("notFound").get("");
  const errorPage = byKind("error").get("");

  // A route's or layout's `skipInheritedLayouts` drops the layouts above it; `skipAppWrapper` drops `_app`.
  const wrappersFor = (
    folder: string,
    config: RouteModule["config"],
  ): ComponentType<PageProps>[] => {
    let chain: RouteModule[] = [];
    if (!config?.skipInheritedLayouts) {
      for (const dir of folderChain(folder)) {
        const layout = layouts.get(dir);
        if (!layout) continue;
        if (layout.config?.skipInheritedLayouts) chain = [];
        chain.push(layout);
      }
    }
    const skipApp = config?.skipAppWrapper || chain.some((layout) => layout.config?.skipAppWrapper);
    const withApp = app && !skipApp ? [app, ...chain] : chain;
    return withApp.map((module) => pageComponent(module, "_layout"));
  };

  const routes: CompiledRoute[] = files
    .filter((f) => f.kind === "route")
    .sort((a, b) => compareRoutePatterns(a.pattern, b.pattern))
    .map((f) => ({
      file: f.file,
      pattern: new URLPattern({ pathname: f.pattern }),
      module: f.module,
      middlewares: folderChain(f.folder).flatMap((dir) => middlewareList(middlewares.get(dir))),
      wrappers: wrappersFor(f.folder, f.module.config),
    }));
  const seen = new Map<string, string>();
  for (const route of routes) {
    const other = seen.get(route.pattern.pathname);
    if (other) {
      throw new Error(
        `routes/${other} and routes/${route.file} both serve ${route.pattern.pathname}`,
      );
    }
    seen.set(route.pattern.pathname, route.file);
  }
  const rootMiddlewares = middlewareList(middlewares.get(""));

  const renderError = (ctx: Context, error: unknown): Response => {
    const status = error instanceof HttpError ? error.status : 500;
    if (status >= 500) reportError(error, ctx.req);
    const module = status === 404 ? notFound : errorPage;
    const fallback = () =>
      new Response(status === 404 ? "Not Found" : "Internal Server Error", { status });
    if (!module?.default) return fallback();
    try {
      const html = renderPage({
        wrappers: wrappersFor("", module.config),
        page: pageComponent(module, status === 404 ? "_404" : "_500"),
        props: { data: undefined, params: ctx.params, url: ctx.url, state: ctx.state, error },
        client,
      });
      return htmlResponse(html, { status });
    } catch (renderFailure) {
      reportError(renderFailure, ctx.req);
      return fallback();
    }
  };

  return async (req: Request): Promise<Response> => {
    const url = new URL(req.url);
    const ctx: Context = {
      req,
      url,
      params: {},
      state: {},
      next: () => Promise.reject(new HttpError(404)),
    };
    try {
      const pathname = url.pathname.length > 1 ? url.pathname.replace(/\/+$/, "") : url.pathname;
      let route: CompiledRoute | undefined;
      for (const candidate of routes) {
        const match = candidate.pattern.exec({ pathname });
        if (match) {
          route = candidate;
          Object.assign(ctx.params, decodeParams(match.pathname.groups));
          break;
        }
      }
      const chain = route?.middlewares ?? rootMiddlewares;
      const run = (index: number): Promise<Response> => {
        const middleware = chain[index];
        const step: Context = { ...ctx, next: () => run(index + 1) };
        if (middleware) return Promise.resolve(middleware(step));
        return route
          ? dispatch(route, step, client)
          : Promise.resolve(renderError(step, new HttpError(404)));
      };
      return await run(0);
    } catch (error) {
      return renderError(ctx, error);
    }
  };
}

async function dispatch(
  route: CompiledRoute,
  ctx: Context,
  client: ClientBuild | null,
): Promise<Response> {
  const { module } = route;
  const handlers = module.handlers ?? module.handler;
  const method = ctx.req.method.toUpperCase();
  const isHead = method === "HEAD";
  let fn: HandlerFn<unknown, never> | undefined;
  if (typeof handlers === "function") fn = handlers;
  else if (handlers !== undefined) {
    fn = handlers[method as (typeof METHODS)[number]] ?? (isHead ? handlers.GET : undefined);
    if (fn === undefined) {
      return methodNotAllowed(METHODS.filter((m) => handlers[m] || (m === "HEAD" && handlers.GET)));
    }
  } else if (method !== "GET" && !isHead) {
    return methodNotAllowed(["GET", "HEAD"]);
  }
  const result = fn ? await (fn as HandlerFn<unknown, unknown>)(ctx) : { data: undefined };
  const response = result instanceof Response
    ? result
    : renderRoutePage(route, ctx, result, client);
  return isHead ? new Response(null, response) : response;
}

function renderRoutePage(
  route: CompiledRoute,
  ctx: Context,
  result: PageResponse<unknown>,
  client: ClientBuild | null,
): Response {
  if (typeof route.module.default !== "function") {
    throw new Error(`routes/${route.file} returned page data but has no default page component`);
  }
  const html = renderPage({
    wrappers: route.wrappers,
    page: route.module.default as ComponentType<PageProps>,
    props: { data: result.data, params: ctx.params, url: ctx.url, state: ctx.state },
    client,
  });
  return htmlResponse(html, result);
}

function htmlResponse(html: string, init: { status?: number; headers?: HeadersInit }): Response {
  const headers = new Headers(init.headers);
  if (!headers.has("content-type")) headers.set("content-type", "text/html; charset=utf-8");
  return new Response(html, { status: init.status ?? 200, headers });
}

function methodNotAllowed(allowed: readonly string[]): Response {
  return new Response("Method Not Allowed", {
    status: 405,
    headers: { allow: allowed.join(", ") },
  });
}

function pageComponent(module: RouteModule, name: string): ComponentType<PageProps> {
  if (typeof module.default !== "function") {
    throw new Error(`routes ${name}: the default export must be a component`);
  }
  return module.default as ComponentType<PageProps>;
}

function middlewareList(module: RouteModule | undefined): Middleware[] {
  if (!module) return [];
  const exported = (module as { handler?: unknown }).handler ?? module.default;
  const list = Array.isArray(exported) ? exported : [exported];
  if (!list.every((m) => typeof m === "function")) {
    throw new Error("a _middleware module must export a function or an array of functions");
  }
  return list as Middleware[];
}

function decodeParams(groups: Record<string, string | undefined>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [key, value] of Object.entries(groups)) {
    if (/^\d+$/.test(key)) continue;
    try {
      out[key] = decodeURIComponent(value ?? "");
    } catch {
      throw new HttpError(400, `malformed percent-encoding in path parameter "${key}"`);
    }
  }
  return out;
}
