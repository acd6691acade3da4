/**
 * The web layer's configuration (Fresh's `fresh.config.ts`): static folder and the middlewares that
 * run before every route.
 * @module
 */
import { secureHeaders } from "hono/secure-headers";
import { defineConfig } from "@/core/web/mod.ts";

export default defineConfig({
  staticDir: "static",
  middlewares: [secureHeaders()],
});
