/**
 * What a store-backed route needs before it can answer: the store, the broker and the account,
 * each a 503 in the error shape when the app was built without it, and an unknown account a 404.
 * @module
 */
import type { Broker } from "../broker/types.ts";
import type { Store } from "../store/mod.ts";
import type { ApiAccount, ApiOptions } from "./context.ts";
import { ApiError } from "./errors.ts";

/** The app's store, or a 503 `store_unavailable`. */
export function requireStore(options: ApiOptions): Store {
  if (options.store === undefined) {
    throw new ApiError(503, "store_unavailable", "no store is configured");
  }
  return options.store;
}

/** The app's broker, or a 503 `broker_unavailable`. */
export function requireBroker(options: ApiOptions): Broker {
  if (options.broker === undefined) {
    throw new ApiError(503, "broker_unavailable", "no broker is configured");
  }
  return options.broker;
}

/**
 * The account `id` names (the app's one account when `id` is absent): a 503 when the app has no
 * account, a 404 `account_not_found` naming `field` when `id` is another one.
 */
export function requireAccount(options: ApiOptions, id?: string, field = "accountId"): ApiAccount {
  const account = options.account;
  if (account === undefined) {
    throw new ApiError(503, "account_unavailable", "no broker account is configured");
  }
  if (id !== undefined && id !== account.id) {
    throw new ApiError(404, "account_not_found", `no account ${id}`, {
      details: [{ field, message: `the account is ${account.id}` }],
    });
  }
  return account;
}
