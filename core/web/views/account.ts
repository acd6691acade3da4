/**
 * Which account the dashboard shows: the running app trades one.
 * @module
 */
import type { AppServices } from "../../runtime/mod.ts";

/**
 * The account id of the running app: the embedded simulator's in the demo, `KIS_ACCOUNT` with
 * keys (the runtime's services do not carry it yet).
 */
export function dashboardAccountId(services: AppServices): string {
  return services.simulator?.credentials.account ?? Deno.env.get("KIS_ACCOUNT") ?? "";
}
