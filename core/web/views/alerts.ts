/**
 * The alerts page: an account's alerts with their last trigger, and the trigger history newest
 * first.
 * @module
 */
import type { Alert } from "../../alerts/mod.ts";
import { AlertRepository, type AlertTriggerRecord } from "../../alerts/repository.ts";
import type { Store } from "../../store/mod.ts";

/** One alert and the record of its trigger, if it fired. */
export interface AlertRow {
  readonly alert: Alert;
  readonly lastTrigger: AlertTriggerRecord | null;
}

/** What the alerts page shows. */
export interface AlertsView {
  readonly alerts: readonly AlertRow[];
  /** Every trigger of the account, newest first. */
  readonly history: readonly AlertTriggerRecord[];
}

/** The alerts of `accountId` (up to `limit`, oldest first) and their trigger history. */
export async function loadAlerts(
  store: Store,
  accountId: string,
  limit = 200,
): Promise<AlertsView> {
  const repository = new AlertRepository(store);
  const [alerts, triggers] = await Promise.all([
    repository.listByAccount(accountId, { limit }),
    repository.triggers(accountId, { limit }),
  ]);
  const byAlert = new Map(triggers.items.map((record) => [record.alertId, record]));
  return {
    alerts: alerts.items.map((alert) => ({ alert, lastTrigger: byAlert.get(alert.id) ?? null })),
    history: [...triggers.items].sort((a, b) => b.at - a.at),
  };
}
