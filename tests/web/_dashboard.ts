/**
 * An in-process dashboard for the tests in tests/web: the app built from the manifest, holding the
 * lock on the island bundles, with the first admin's password set and, once started, the demo's
 * services on a fresh KV store, all undone in order when it is disposed.
 * @module
 */
import { type AppServices, setAppServices, startServices } from "@/core/runtime/mod.ts";
import { buildClient, createApp, scanProject, type WebApp } from "@/core/web/mod.ts";
import config from "@/fresh.config.ts";
import manifest from "@/fresh.gen.ts";
import { lockBundles, PROJECT_ROOT, removeKv, tempKvPath } from "../e2e/_app_server.ts";
import { TEST_ADMIN_PASSWORD } from "./_session.ts";

/** Choices for {@link openDashboard}. */
export interface DashboardOptions {
  /** Builds the islands' client bundles before the app is made, for tests that look at scripts. */
  readonly build?: boolean;
}

/** An in-process dashboard whose services may not have started yet. */
export interface Dashboard extends AsyncDisposable {
  /** The app: hand it requests. */
  readonly app: WebApp;
  /** Starts the demo's services on the dashboard's own KV store and hands them to the app. */
  startDemo(): Promise<AppServices>;
}

/** An in-process dashboard with the demo's services running behind it. */
export interface DemoDashboard extends AsyncDisposable {
  /** The app: hand it requests. */
  readonly app: WebApp;
  /** The services the app's routes use. */
  readonly services: AppServices;
}

/**
 * Takes the bundle lock (createApp reads _fresh/build.json, which a browser test's build may be
 * rewriting), sets `ADMIN_PASSWORD` to {@link TEST_ADMIN_PASSWORD} and makes the app, without
 * services. Disposing it stops the services if they started, removes their KV store and then
 * releases the lock.
 */
export async function openDashboard(options: DashboardOptions = {}): Promise<Dashboard> {
  const bundles = await lockBundles();
  const kvPath = tempKvPath();
  let services: AppServices | undefined;
  const close = async () => {
    try {
      await services?.close();
      await removeKv(kvPath);
    } finally {
      bundles.close();
    }
  };
  try {
    if (options.build) {
      await buildClient({ root: PROJECT_ROOT, islands: (await scanProject(PROJECT_ROOT)).islands });
    }
    Deno.env.set("ADMIN_PASSWORD", TEST_ADMIN_PASSWORD);
    const app = await createApp(manifest, config);
    return {
      app,
      startDemo: async () => {
        services = await startServices({ mode: "demo", kvPath: `${PROJECT_ROOT}/${kvPath}` });
        setAppServices(services);
        return services;
      },
      [Symbol.asyncDispose]: close,
    };
  } catch (error) {
    await close();
    throw error;
  }
}

/** {@link openDashboard} with the demo's services started. */
export async function openDemoDashboard(options: DashboardOptions = {}): Promise<DemoDashboard> {
  const dashboard = await openDashboard(options);
  try {
    const services = await dashboard.startDemo();
    return { app: dashboard.app, services, [Symbol.asyncDispose]: dashboard[Symbol.asyncDispose] };
  } catch (error) {
    await dashboard[Symbol.asyncDispose]();
    throw error;
  }
}
