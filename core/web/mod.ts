/**
 * The islands layer: Fresh's conventions (file-system routes, islands, static files) on Hono and
 * preact-render-to-string.
 * @module
 */
export { createApp, defineConfig, projectRoot, type WebConfig } from "./app.ts";
export { buildClient, readClientBuild } from "./bundle.ts";
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
