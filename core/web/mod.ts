/**
 * The islands layer: Fresh's conventions (file-system routes, islands, static files) on
 * `Deno.serve` and preact-render-to-string; the Hono API is mounted by a route under `/api`.
 * @module
 */
export { createApp, defineConfig, projectRoot, type WebApp, type WebConfig } from "./app.ts";
export { buildClient, readClientBuild } from "./bundle.ts";
export {
  API_DOCS_MANIFEST,
  type ApiDocsAssets,
  buildApiDocsAssets,
  readApiDocsAssets,
} from "./api_docs_assets.ts";
export {
  type Context,
  createDefine,
  type Handlers,
  HttpError,
  type Middleware,
  page,
  type PageProps,
  type RouteConfig,
} from "./define.ts";
export { type Manifest, renderManifest, scanProject } from "./manifest.ts";
export { SECURITY_HEADERS, securityHeaders } from "./security_headers.ts";
