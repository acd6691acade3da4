/**
 * The web layer's configuration (Fresh's `fresh.config.ts`): static folder and the middlewares that
 * run before every route, in Fresh 2's `(ctx) => Response` shape.
 * @module
 */
import { defineConfig, securityHeaders } from "@/core/web/mod.ts";

export default defineConfig({
  staticDir: "static",
  middlewares: [securityHeaders()],
});
