/**
 * The last run of every job, for the health page: a small store interface and its Deno KV
 * implementation under `["jobs", "status", name]`.
 * @module
 */
import { whileKvBusy } from "../store/mod.ts";

/** One job's latest run: `running` from its start until it finishes `ok` or with an `error`. */
export type JobRunStatus =
  | {
    readonly name: string;
    readonly state: "running";
    /** Epoch ms. */
    readonly startedAt: number;
  }
  | {
    readonly name: string;
    readonly state: "ok" | "error";
    readonly startedAt: number;
    readonly finishedAt: number;
    readonly durationMs: number;
    /** The error's message when `state` is `error`. */
    readonly error?: string;
  };

/** Where the runner records each job's latest run. */
export interface JobStatusStore {
  /** Replaces the job's recorded run with `status`. */
  record(status: JobRunStatus): Promise<void>;
  /** The job's latest recorded run, or `null` if it never ran. */
  get(name: string): Promise<JobRunStatus | null>;
  /** Every job's latest recorded run, by name. */
  list(): Promise<JobRunStatus[]>;
}

const STATUS_PREFIX: Deno.KvKey = ["jobs", "status"];

/** The KV key of a job's status. */
export function jobStatusKey(name: string): Deno.KvKey {
  return [...STATUS_PREFIX, name];
}

/**
 * A {@link JobStatusStore} in Deno KV; the caller opens and closes the handle. Each call runs again
 * while another process holds the KV file's lock.
 */
export class KvJobStatusStore implements JobStatusStore {
  readonly #kv: Deno.Kv;

  /** A store writing through `kv`. */
  constructor(kv: Deno.Kv) {
    this.#kv = kv;
  }

  /** Replaces the job's recorded run with `status`. */
  async record(status: JobRunStatus): Promise<void> {
    await whileKvBusy(() => this.#kv.set(jobStatusKey(status.name), status));
  }

  /** The job's latest recorded run, or `null`. */
  async get(name: string): Promise<JobRunStatus | null> {
    return (await whileKvBusy(() => this.#kv.get<JobRunStatus>(jobStatusKey(name)))).value;
  }

  /** Every job's latest recorded run, by name. */
  async list(): Promise<JobRunStatus[]> {
    const entries = await whileKvBusy(() =>
      Array.fromAsync(this.#kv.list<JobRunStatus>({ prefix: STATUS_PREFIX }))
    );
    return entries.map((entry) => entry.value);
  }
}
