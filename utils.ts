/**
 * The app's request state and its typed `define` helpers (Fresh 2's `utils.ts`).
 * @module
 */
import { createDefine } from "@/core/web/mod.ts";

/** State that middleware sets for routes. */
export type State = Record<string, unknown>;

/** Typed identity helpers for route modules. */
export const define = createDefine<State>();
