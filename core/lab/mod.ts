/**
 * The backtest lab's jobs: runs and parameter sweeps queued through the API, executed by a KV
 * queue handler on any instance, stored with their requests and results in parts (docs/api.md,
 * docs/storage.md).
 * @module
 */
export {
  isLabMessage,
  LAB_JOB_KINDS,
  type LabJob,
  type LabJobKind,
  labJobSchema,
  type LabMessage,
  labMessageSchema,
} from "./job.ts";
export { deleteParts, PART_CHARS, readParts, writeParts } from "./parts.ts";
export {
  createLabJob,
  deleteLabJob,
  getLabJob,
  labJobRequest,
  labJobResult,
  labMessage,
  listLabJobs,
  type NewLabJob,
} from "./repository.ts";
export {
  executeRun,
  executeSweep,
  type Execution,
  type ReportProgress,
  sweepCombinations,
  type SweepOutcome,
} from "./execute.ts";
export { type LabOutcome, labQueueHandler, type LabWorkerOptions } from "./worker.ts";
export { alignCurves, type AlignedCurves, type EquityCurve } from "./compare.ts";
