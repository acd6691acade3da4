/**
 * The product version, read from deno.json so it is written in one place.
 * @module
 */
import denoJson from "../deno.json" with { type: "json" };

/** Yeouido's version, e.g. `0.1.0`. */
export const VERSION: string = denoJson.version;
