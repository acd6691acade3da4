/**
 * Turns a manifest into a request handler with Fresh 2's semantics: the most specific route wins,
 * `_middleware` runs root to leaf, pages render inside `_layout`s and `_app`, missing methods get
 * 405, HEAD falls back to GET, a 404 renders the root `_404`, and any other error the `_error`
 * (or `_500`) of the nearest folder at or above the route.
 * @module
 */
import type { ComponentType } from "preact";
import { RequestContext, runChain, type VNodeRenderer } from "./context.ts";
import type { HandlerFn, Middleware, PageProps, PageResponse, RouteModule } from "./define.ts";
import { HttpError } from "./define.ts";
import {
  checkSpecialFiles,
  classifyRouteFile,
  compareRoutePatterns,
  folderChain,
  literalStart,
  matchRest,
  restParamName,
  type RouteFile,
} from "./fs_routes.ts";
import { registerIslands } from "./islands.ts";
import type { Manifest } from "./manifest.ts";
import { type ClientBuild, renderPage } from "./render.ts";

/** Called with errors that became a 500 response. */
export type ErrorReporter = (error: unknown, req: Request) => void;

/** Serves one request; `info` is what `Deno.serve` passes (absent when a test calls it). */
export type RequestHandler = (req: Request, info?: Deno.ServeHandlerInfo) => Promise<Response>;

/** What runs around the file-system routes. */
export interface RouterOptions {
  /**
   * App-wide middlewares (`fresh.config.ts`'s, then static files), run after the route is matched
   * and before the route's own `_middleware`s, for every request, matched or not.
   */
  readonly middlewares?: readonly Middleware[];
  /** Called with errors that became a 500 response. */
  readonly reportError?: ErrorReporter;
}

interface CompiledRoute {
  readonly file: string;
  readonly pattern: URLPattern;
  /** What every path the pattern matches starts with ({@link literalStart}). */
  readonly literal: string;
  /** The pattern is that literal text alone, so it matches that path only. */
  readonly exact: boolean;
  /** The rest parameter's name when the pattern is the literal and one (`/api/:path*`). */
  readonly rest: string | undefined;
  readonly module: RouteModule;
  readonly middlewares: readonly Middleware[];
  readonly wrappers: readonly ComponentType<PageProps>[];
  /** What `ctx.render` uses on this route: its layouts and `_app`. */
  readonly renderer: VNodeRenderer;
}

const METHODS = ["GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"] as const;

/** The page props a context carries, for pages, layouts and error pages. */
function propsOf(ctx: RequestContext, data: unknown): Omit<PageProps, "Component"> {
  const { req, info, params, route, url, state, error } = ctx;
  return { data, req, info, params, route, url, state, error };
}

/**
 * Builds the request handler for a manifest: app middlewares, then the matched route's.
 * @param client the built browser code, or `null` when no page uses islands.
 * @throws {Error} for special files Fresh 2 would not accept, and two routes serving one URL.
 */
export function createRouter(
  manifest: Manifest,
  client: ClientBuild | null,
  options: RouterOptions = {},
): RequestHandler {
  const reportError = options.reportError ?? (() => {});
  const appMiddlewares = options.middlewares ?? [];
  registerIslands(manifest.islands);
  const files = Object.keys(manifest.routes).map((key) => ({
    ...classifyRouteFile(key.replace(/^\.\/routes\//, "")),
    module: manifest.routes[key]!,
  }));
  checkSpecialFiles(files);
  const byKind = (kind: RouteFile["kind"]) =>
    new Map(files.filter((f) => f.kind === kind).map((f) => [f.folder, f.module]));
  const layouts = byKind("layout");
  const middlewares = byKind("middleware");
  const errorPages = byKind("error");
  const app = byKind("app").get("");
  const notFound = byKind("notFound").get("");

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

  /** The page for an error caught at `folder`: the root `_404` for a 404, else the folder's `_error`. */
  const errorPageFor = (status: number, folder: string) => {
    if (status === 404 && notFound) return { module: notFound, folder: "", name: "_404" };
    const module = errorPages.get(folder);
    return module ? { module, folder, name: "_error" } : null;
  };

  const renderError = (ctx: RequestContext, error: unknown, folder: string): Response => {
    const status = error instanceof HttpError ? error.status : 500;
    if (status >= 500) reportError(error, ctx.req);
    const page = errorPageFor(status, folder);
    const fallback = () =>
      new Response(status === 404 ? "Not Found" : "Internal Server Error", { status });
    if (!page?.module.default) return fallback();
    ctx.error = error;
    try {
      const html = renderPage({
        wrappers: wrappersFor(page.folder, page.module.config),
        page: pageComponent(page.module, page.name),
        props: propsOf(ctx, undefined),
        client,
      });
      return htmlResponse(html, { status });
    } catch (renderFailure) {
      reportError(renderFailure, ctx.req);
      return fallback();
    }
  };

  /**
   * Catches what is thrown below `folder` and answers with its error page, as Fresh 2's segments
   * do: the innermost folder with an `_error` (and the root, always) renders it, inside its layouts.
   */
  const catchAt = (folder: string): Middleware => async (ctx) => {
    try {
      return await ctx.next();
    } catch (error) {
      return renderError(ctx as RequestContext, error, folder);
    }
  };

  /** A folder's middlewares, after its error catcher when it has an error page (the root always). */
  const folderMiddlewares = (folder: string): Middleware[] => [
    ...(folder === "" || errorPages.has(folder) ? [catchAt(folder)] : []),
    ...middlewareList(middlewares.get(folder)),
  ];

  const pageRenderer =
    (wrappers: readonly ComponentType<PageProps>[]): VNodeRenderer => (ctx, vnode, init) =>
      htmlResponse(
        renderPage({ wrappers, page: () => vnode, props: propsOf(ctx, undefined), client }),
        init,
      );

  const routes: CompiledRoute[] = files
    .filter((f) => f.kind === "route")
    .sort((a, b) => compareRoutePatterns(a.pattern, b.pattern))
    .map((f) => {
      const wrappers = wrappersFor(f.folder, f.module.config);
      return {
        file: f.file,
        pattern: new URLPattern({ pathname: f.pattern }),
        literal: literalStart(f.pattern),
        exact: literalStart(f.pattern) === f.pattern,
        rest: restParamName(f.pattern),
        module: f.module,
        middlewares: folderChain(f.folder).flatMap(folderMiddlewares),
        wrappers,
        renderer: pageRenderer(wrappers),
      };
    });
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
  const rootMiddlewares = folderMiddlewares("");
  const rootRenderer = pageRenderer(wrappersFor("", undefined));

  /** The most specific route for the URL, with its pattern and params set on the context. */
  const matchRoute = (ctx: RequestContext): CompiledRoute | undefined => {
    const { pathname } = ctx.url;
    const trimmed = pathname.length > 1 ? pathname.replace(/\/+$/, "") : pathname;
    for (const route of routes) {
      if (route.exact ? trimmed !== route.literal : !trimmed.startsWith(route.literal)) continue;
      // A URLPattern's exec was most of an API request's routing time; a rest pattern's is skipped.
      const rest = route.rest === undefined ? undefined : matchRest(route.literal, trimmed);
      if (rest === null) continue;
      let params: Record<string, string>;
      if (rest === undefined) {
        const match = route.pattern.exec({ pathname: trimmed });
        if (!match) continue;
        params = decodeParams(match.pathname.groups);
      } else {
        params = { [route.rest!]: rest };
      }
      ctx.route = route.pattern.pathname;
      ctx.params = params;
      ctx.renderer = route.renderer;
      return route;
    }
    return undefined;
  };

  return async (req, info) => {
    const ctx = new RequestContext(req, info, rootRenderer);
    try {
      const route = matchRoute(ctx);
      return await runChain(
        ctx,
        [...appMiddlewares, ...route?.middlewares ?? rootMiddlewares],
        () => route ? dispatch(route, ctx, client) : Promise.reject(new HttpError(404)),
      );
    } catch (error) {
      // Thrown outside the root's catcher: by an app middleware, or by a malformed path param.
      return renderError(ctx, error, "");
    }
  };
}

async function dispatch(
  route: CompiledRoute,
  ctx: RequestContext,
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
  ctx: RequestContext,
  result: PageResponse<unknown>,
  client: ClientBuild | null,
): Response {
  if (typeof route.module.default !== "function") {
    throw new Error(`routes/${route.file} returned page data but has no default page component`);
  }
  const html = renderPage({
    wrappers: route.wrappers,
    page: route.module.default as ComponentType<PageProps>,
    props: propsOf(ctx, result.data),
    client,
  });
  return htmlResponse(html, result);
}

function htmlResponse(html: string, init: ResponseInit): Response {
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
