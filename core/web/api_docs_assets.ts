/**
 * Swagger UI for `/api/docs`, served from our own build: `deno task build` copies its script and
 * stylesheet out of the npm package (`swagger-ui-dist`, pinned in deno.json) into `_fresh/js/`
 * under content-hashed names, with brotli and gzip copies, and writes their URLs to
 * `_fresh/api_docs.json`. At run time only `_fresh/` is read, so it works where `node_modules`
 * is not (Deno Deploy), and nothing is loaded from another host.
 * @module
 */
import { contentHash, precompress } from "./bundle.ts";

/** The URLs of Swagger UI's script and stylesheet, as the docs page links them. */
export interface ApiDocsAssets {
  readonly script: string;
  readonly style: string;
}

/** Where the URLs are written, under the build's folder. */
export const API_DOCS_MANIFEST = "api_docs.json";

const SOURCES = {
  script: { specifier: "swagger-ui-dist/swagger-ui-bundle.js", stem: "swagger-ui", ext: "js" },
  style: { specifier: "swagger-ui-dist/swagger-ui.css", stem: "swagger-ui", ext: "css" },
} as const;

// the package's source maps are not copied, so the comments naming them would only ask for a 404
const SOURCE_MAP_COMMENT = /\n?\/[/*]# sourceMappingURL=\S+(?: ?\*\/)?\s*$/;

/**
 * Copies Swagger UI's files into `<root>/<outDir>/js` (after `buildClient`, which empties the
 * folder) and writes the manifest; returns the URLs.
 */
export async function buildApiDocsAssets(
  root: string,
  outDir = "_fresh",
  urlPrefix = "/_fresh/js",
): Promise<ApiDocsAssets> {
  const jsDir = `${root}/${outDir}/js`;
  await Deno.mkdir(jsDir, { recursive: true });
  const urls: Record<string, string> = {};
  for (const [key, source] of Object.entries(SOURCES)) {
    const text = await Deno.readTextFile(new URL(import.meta.resolve(source.specifier)));
    const bytes = new TextEncoder().encode(text.replace(SOURCE_MAP_COMMENT, "\n"));
    const name = `${source.stem}-${await contentHash(bytes)}.${source.ext}`;
    await Deno.writeFile(`${jsDir}/${name}`, bytes);
    await precompress(`${jsDir}/${name}`);
    urls[key] = `${urlPrefix}/${name}`;
  }
  const assets: ApiDocsAssets = { script: urls.script!, style: urls.style! };
  await Deno.writeTextFile(
    `${root}/${outDir}/${API_DOCS_MANIFEST}`,
    JSON.stringify(assets, null, 2) + "\n",
  );
  return assets;
}

/** The URLs `buildApiDocsAssets` wrote, or `null` before a build. */
export async function readApiDocsAssets(
  root: string,
  outDir = "_fresh",
): Promise<ApiDocsAssets | null> {
  try {
    return JSON.parse(
      await Deno.readTextFile(`${root}/${outDir}/${API_DOCS_MANIFEST}`),
    ) as ApiDocsAssets;
  } catch (error) {
    if (error instanceof Deno.errors.NotFound) return null;
    throw error;
  }
}
