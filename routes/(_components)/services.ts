/**
 * What a page reads: the running app's services and its account, or null on the dev server.
 * @module
 */
import { type AppServices, appServices } from "@/core/runtime/mod.ts";

/** The running app's services and the account its pages show, or null when none run. */
export function pageServices(): { services: AppServices; accountId: string } | null {
  const services = appServices();
  return services ? { services, accountId: services.accountId } : null;
}
