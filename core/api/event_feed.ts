/**
 * What `GET /events` sends, read from the store so it works across processes: the audit log's
 * tail (orders and fills, risk refusals, the kill switch, alerts, settings) and each job's last
 * run. Audit entries carry their id, so a client resumes after the last one it saw; job runs are
 * sent as they change, live only.
 * @module
 */
import { KvJobStatusStore } from "../jobs/mod.ts";
import {
  type AuditEntry,
  auditEntrySchema,
  KEYS,
  listPage,
  monotonicIds,
  type Page,
  PREFIXES,
  type Store,
} from "../store/mod.ts";

/** One server-sent event: its name, its JSON data and, for audit entries, its id. */
export interface FeedEvent {
  readonly event: string;
  readonly data: unknown;
  readonly id?: string;
}

/** The event name of an audit entry, or null for entries the feed does not send (migrations). */
export function eventNameOf(entry: AuditEntry): string | null {
  if (entry.kind === "migration") return null;
  if (entry.subject === "kill_switch") return "kill_switch";
  if (entry.kind === "alert") return entry.action === "triggered" ? "alert_triggered" : "alert";
  return entry.kind;
}

/** How far back each poll looks again, for entries another process committed late (ms). */
export const LATE_COMMIT_MS = 2_000;

/** The smallest id of epoch ms `at`: ids start with their time, so this sorts before its ms. */
function idFloorAt(at: number): string {
  return monotonicIds(() => at)().slice(0, 10);
}

/** The audit log's newest id, or null when it is empty. */
export async function newestAuditId(store: Store): Promise<string | null> {
  return (await store.audit.list({ reverse: true, limit: 1 })).items[0]?.id ?? null;
}

/**
 * A feed of the store's events after audit id `after` (null: from the start of the log). Each
 * {@link AuditFeed.poll} answers what is new since the last; entries committed up to
 * {@link LATE_COMMIT_MS} after their id was made are still found, and none is sent twice.
 */
export class AuditFeed {
  readonly #store: Store;
  readonly #jobs: KvJobStatusStore;
  readonly #after: string | null;
  /** Ids sent within the look-back window, so a second look does not repeat them. */
  readonly #sent = new Map<string, number>();
  #newest: string | null;
  #jobRuns: Map<string, string> | null = null;

  /** A feed of `store` after audit id `after`. */
  constructor(store: Store, after: string | null) {
    this.#store = store;
    this.#jobs = new KvJobStatusStore(store.kv);
    this.#after = after;
    this.#newest = after;
  }

  /** The events since the last poll: new audit entries in id order, then changed job runs. */
  async poll(): Promise<FeedEvent[]> {
    return [...await this.#auditEvents(), ...await this.#jobEvents()];
  }

  async #auditEvents(): Promise<FeedEvent[]> {
    const events: FeedEvent[] = [];
    const lookBack = this.#newest === null ? null : idFloorAt(
      Math.max(0, this.#store.now() - LATE_COMMIT_MS),
    );
    // from the look-back point, but never before what the client said it has
    const floor = [lookBack, this.#after].filter((id) => id !== null).sort().at(-1) ?? null;
    const selector: Deno.KvListSelector = floor === null
      ? { prefix: PREFIXES.audit }
      : { prefix: PREFIXES.audit, start: KEYS.audit(floor) };
    let cursor: string | null = null;
    do {
      const page: Page<AuditEntry> = await listPage(
        this.#store.kv,
        selector,
        auditEntrySchema,
        { limit: 500, cursor },
      );
      for (const entry of page.items) {
        if (this.#after !== null && entry.id <= this.#after) continue;
        if (this.#sent.has(entry.id)) continue;
        this.#sent.set(entry.id, entry.at);
        if (this.#newest === null || entry.id > this.#newest) this.#newest = entry.id;
        const event = eventNameOf(entry);
        if (event !== null) events.push({ event, data: entry, id: entry.id });
      }
      cursor = page.cursor;
    } while (cursor !== null);
    const forgetBefore = this.#store.now() - 2 * LATE_COMMIT_MS;
    for (const [id, at] of this.#sent) if (at < forgetBefore) this.#sent.delete(id);
    return events;
  }

  async #jobEvents(): Promise<FeedEvent[]> {
    const runs = await this.#jobs.list();
    const now = new Map(runs.map((run) => [run.name, JSON.stringify(run)]));
    const before = this.#jobRuns;
    this.#jobRuns = now;
    // the first look only learns what is there: job runs are sent as they change
    if (before === null) return [];
    return runs.filter((run) => before.get(run.name) !== now.get(run.name))
      .map((run) => ({ event: "job", data: run }));
  }
}
