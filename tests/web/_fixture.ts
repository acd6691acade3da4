/**
 * The fixture project under `tests/web/fixture/`: its manifest, built like `dev.ts` builds the
 * app's, and its client bundle.
 * @module
 */
import { buildClient, type Manifest, scanProject } from "@/core/web/mod.ts";
import type { ClientBuild } from "@/core/web/render.ts";

/** The fixture project's root folder. */
export const FIXTURE_ROOT = decodeURIComponent(new URL("./fixture", import.meta.url).pathname);

/** Scans the fixture and imports every route and island, as a generated manifest would. */
export async function loadFixtureManifest(): Promise<Manifest> {
  const files = await scanProject(FIXTURE_ROOT);
  const load = async (paths: readonly string[]) =>
    Object.fromEntries(
      await Promise.all(
        paths.map(async (path) => [`./${path}`, await import(`${FIXTURE_ROOT}/${path}`)]),
      ),
    );
  return {
    routes: await load(files.routes),
    islands: await load(files.islands),
    baseUrl: new URL("./fixture/fresh.gen.ts", import.meta.url).href,
  };
}

/** Bundles the fixture's islands into `tests/web/fixture/_fresh`. */
export async function buildFixtureClient(): Promise<ClientBuild> {
  const files = await scanProject(FIXTURE_ROOT);
  return await buildClient({ root: FIXTURE_ROOT, islands: files.islands });
}
