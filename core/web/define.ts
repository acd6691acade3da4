/**
 * The shapes of route modules, in Fresh 2's form, so that route modules move to real Fresh with
 * their imports changed (docs/web.md lists what else changes).
 * @module
 */
import type { ComponentType, VNode } from "preact";

/**
 * The per-request context handed to middlewares and handlers (and, through props, to pages), with
 * the members of Fresh 2's `Context` that this layer supports.
 */
export interface Context<State = Record<string, unknown>> {
  /** The incoming request. */
  readonly req: Request;
  /** The parsed request URL. */
  readonly url: URL;
  /** Who is asking: the remote address and the server's completion promise. */
  readonly info: Deno.ServeHandlerInfo;
  /** Path parameters from `[param]` and `[...rest]` segments. */
  readonly params: Record<string, string>;
  /** The matched route's URL pattern, e.g. `/blog/:slug`; `null` before or without a match. */
  readonly route: string | null;
  /** Request-scoped state that middleware fills for the handlers and pages below it. */
  state: State;
  /** Set on error pages: what was thrown. */
  readonly error?: unknown;
  /** Runs the rest of the chain (the next middleware, or the route). */
  next(): Promise<Response>;
  /**
   * A redirect to `pathOrUrl` (302 unless told). Repeated slashes in a path are collapsed, so
   * `//evil.example` stays on this site.
   */
  redirect(pathOrUrl: string, status?: number): Response;
  /** Renders JSX as an HTML page inside the route's layouts and `_app`. */
  render(vnode: VNode | null, init?: ResponseInit): Response;
}

/** What a page handler may return: a Response, or data (plus status and headers) for the page. */
export type HandlerResult<Data> = Response | PageResponse<Data>;

/** Data for the page component, with an optional status and headers. */
export interface PageResponse<Data> {
  readonly data: Data;
  readonly status?: number;
  readonly headers?: HeadersInit;
}

/** One method's handler. */
export type HandlerFn<Data, State> = (
  ctx: Context<State>,
) => HandlerResult<Data> | Promise<HandlerResult<Data>>;

/** Known HTTP methods a handler object may define. */
export type Method = "GET" | "HEAD" | "POST" | "PUT" | "PATCH" | "DELETE" | "OPTIONS";

/** A route's `handler` export: one function for every method, or one per method. */
export type Handlers<Data = unknown, State = Record<string, unknown>> =
  | HandlerFn<Data, State>
  | Partial<Record<Method, HandlerFn<Data, State>>>;

/** Props of a page component (and of layouts, `_app` and error pages). */
export interface PageProps<Data = unknown, State = Record<string, unknown>> {
  readonly data: Data;
  readonly req: Request;
  readonly info: Deno.ServeHandlerInfo;
  readonly params: Record<string, string>;
  readonly route: string | null;
  readonly url: URL;
  readonly state: State;
  readonly error?: unknown;
  /** The inner content, for `_app` and `_layout` components. */
  readonly Component: ComponentType;
}

/** A middleware: call `ctx.next()` to continue. */
export type Middleware<State = Record<string, unknown>> = (
  ctx: Context<State>,
) => Response | Promise<Response>;

/** Per-route options. */
export interface RouteConfig {
  /** Render the page without the `_app` shell. */
  readonly skipAppWrapper?: boolean;
  /** Render the page without the layouts of the folders above it. */
  readonly skipInheritedLayouts?: boolean;
}

/** A page, layout or app component. */
export type PageComponent<Data = unknown, State = Record<string, unknown>> = (
  props: PageProps<Data, State>,
) => VNode | null;

/** A route module as the manifest holds it. */
export interface RouteModule {
  readonly handler?: Handlers<unknown, never>;
  readonly handlers?: Handlers<unknown, never>;
  readonly default?: unknown;
  readonly config?: RouteConfig;
}

/** Thrown by handlers to answer with an error status and the matching error page. */
export class HttpError extends Error {
  /** @param status HTTP status code, e.g. 404. */
  constructor(readonly status: number, message?: string) {
    super(message ?? `HTTP ${status}`);
    this.name = "HttpError";
  }
}

/** Wraps page data with an optional status and headers, as Fresh 2's `page()`. */
export function page<Data>(
  data: Data,
  init: { status?: number; headers?: HeadersInit } = {},
): PageResponse<Data> {
  return { data, ...init };
}

/** Identity helpers that type route modules for one `State`, as Fresh 2's `createDefine`. */
export interface Define<State> {
  handlers<Data>(handlers: Handlers<Data, State>): Handlers<Data, State>;
  page<H = undefined>(
    component: PageComponent<H extends Handlers<infer D, State> ? D : unknown, State>,
  ): PageComponent<H extends Handlers<infer D, State> ? D : unknown, State>;
  layout(component: PageComponent<unknown, State>): PageComponent<unknown, State>;
  middleware(
    middleware: Middleware<State> | Middleware<State>[],
  ): Middleware<State> | Middleware<State>[];
}

/**
 * Creates the `define` helpers for an app's state type.
 * @example
 * ```ts
 * const define = createDefine<{ user?: string }>();
 * export const handler = define.handlers({ GET: () => ({ data: 1 }) });
 * ```
 */
export function createDefine<State = Record<string, unknown>>(): Define<State> {
  return {
    handlers: (handlers) => handlers,
    page: (component) => component,
    layout: (component) => component,
    middleware: (middleware) => middleware,
  };
}
