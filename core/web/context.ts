/**
 * The request context every middleware, handler and page sees, and the chain runner that moves it
 * from one middleware to the next.
 * @module
 */
import type { VNode } from "preact";
import type { Context, Middleware } from "./define.ts";

/** How `ctx.render` turns a vnode into a page: set by the router once a route is known. */
export type VNodeRenderer = (
  ctx: RequestContext,
  vnode: VNode | null,
  init: ResponseInit,
) => Response;

/** What a request that came without server info (a test's `app.fetch(req)`) is said to be from. */
const LOCAL_INFO: Deno.ServeHandlerInfo = {
  remoteAddr: { transport: "tcp", hostname: "127.0.0.1", port: 0 },
  completed: Promise.resolve(),
};

/** The one `Context` object of a request. */
export class RequestContext implements Context<Record<string, unknown>> {
  readonly req: Request;
  readonly url: URL;
  readonly info: Deno.ServeHandlerInfo;
  params: Record<string, string> = {};
  route: string | null = null;
  state: Record<string, unknown> = {};
  error?: unknown;
  /** Replaced by `runChain` as the request moves down the chain. */
  next: () => Promise<Response> = () => Promise.reject(new Error("next() called outside a chain"));
  /** Renders a vnode as a page; the router sets it to the matched route's layouts. */
  renderer: VNodeRenderer;

  /** Wraps one request; `renderer` is used by `render` until a route sets its own. */
  constructor(req: Request, info: Deno.ServeHandlerInfo | undefined, renderer: VNodeRenderer) {
    this.req = req;
    this.url = new URL(req.url);
    this.info = info ?? LOCAL_INFO;
    this.renderer = renderer;
  }

  /** {@inheritDoc Context.redirect} */
  redirect(pathOrUrl: string, status = 302): Response {
    let location = pathOrUrl;
    if (pathOrUrl.startsWith("/")) {
      const cut = pathOrUrl.search(/[?#]/);
      const path = cut === -1 ? pathOrUrl : pathOrUrl.slice(0, cut);
      location = path.replace(/\/{2,}/g, "/") + (cut === -1 ? "" : pathOrUrl.slice(cut));
    }
    return new Response(null, { status, headers: { location } });
  }

  /** {@inheritDoc Context.render} */
  render(vnode: VNode | null, init: ResponseInit = {}): Response {
    return this.renderer(this, vnode, init);
  }
}

/**
 * Runs `middlewares` in order on `ctx`, each reaching the next through `ctx.next()`, and
 * `terminal` after the last.
 */
export function runChain(
  ctx: RequestContext,
  middlewares: readonly Middleware[],
  terminal: () => Promise<Response>,
): Promise<Response> {
  const run = (index: number): Promise<Response> => {
    const middleware = middlewares[index];
    if (middleware === undefined) return terminal();
    ctx.next = () => run(index + 1);
    try {
      return Promise.resolve(middleware(ctx));
    } catch (error) {
      return Promise.reject(error);
    }
  };
  return run(0);
}
