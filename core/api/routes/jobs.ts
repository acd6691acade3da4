/**
 * `GET /api/v1/jobs`: every scheduled job with its KST schedule, the UTC `Deno.cron` expressions
 * it is registered under, its guard and its last recorded run; `POST /api/v1/jobs/{name}/run`: an
 * admin runs one now, through the same guard, lease and status path as its cron, audited.
 * @module
 */
import { createRoute, z } from "@hono/zod-openapi";
import {
  JOB_NAMES,
  type JobRunStatus,
  jobSchedules,
  KvJobStatusStore,
  utcCronExpressions,
  WEEKDAYS,
} from "../../jobs/mod.ts";
import { secured } from "../access.ts";
import { errorContent, jsonContent } from "../content.ts";
import type { ApiApp, ApiOptions, JobRunner } from "../context.ts";
import { ApiError } from "../errors.ts";
import { requireStore } from "../needs.ts";

const days = z.array(z.enum(WEEKDAYS));

const jobSchema = z.object({
  name: z.enum(JOB_NAMES),
  summary: z.string(),
  kst: z.discriminatedUnion("kind", [
    z.object({ kind: z.literal("at"), times: z.array(z.string()), days }),
    z.object({
      kind: z.literal("every"),
      minutes: z.int(),
      from: z.string(),
      until: z.string(),
      days,
    }),
  ]).openapi({ description: "When it fires, in Korean time" }),
  utc: z.array(z.string()).openapi({ description: "The Deno.cron expressions (UTC)" }),
  guard: z.object({ kind: z.string(), minutes: z.int().optional() }),
  needs: z.array(z.string()),
  lastRun: z.object({
    state: z.enum(["running", "ok", "error"]),
    startedAt: z.int(),
    finishedAt: z.int().optional(),
    durationMs: z.int().optional(),
    error: z.string().optional(),
  }).nullable().openapi({ description: "Null until it first runs" }),
}).openapi("Job");

const runSchema = jobSchema.shape.lastRun;

const runNowSchema = z.object({
  name: z.enum(JOB_NAMES),
  outcome: z.enum(["ran", "skipped"]).openapi({
    description: "`skipped` when its guard said no (a market holiday, outside the session)",
  }),
  reason: z.string().optional().openapi({ description: "Why it was skipped" }),
  run: runSchema.openapi({ description: "The job's stored run after this request" }),
}).openapi("JobRunNow");

const listRoute = secured(
  "viewer",
  createRoute({
    method: "get",
    path: "/api/v1/jobs",
    tags: ["jobs"],
    summary: "The scheduled jobs and their last runs",
    responses: {
      200: {
        description: "Every job, in the table's order",
        content: jsonContent(z.object({ items: z.array(jobSchema) })),
      },
      503: { description: "No store configured", content: errorContent },
    },
  }),
);

const runNowRoute = secured(
  "admin",
  createRoute({
    method: "post",
    path: "/api/v1/jobs/{name}/run",
    tags: ["jobs"],
    summary: "Run a job now, through its guard and lease; audited",
    request: { params: z.object({ name: z.enum(JOB_NAMES) }) },
    responses: {
      200: {
        description: "It ran (see `run.state`), or its guard skipped it (`reason` says why)",
        content: jsonContent(runNowSchema),
      },
      400: { description: "No such job", content: errorContent },
      404: { description: "The job is not registered here", content: errorContent },
      409: { description: "`job_running`: a run holds its lease", content: errorContent },
      503: { description: "No store, or no engine in this process", content: errorContent },
    },
  }),
);

function requireJobRunner(options: ApiOptions): JobRunner {
  if (options.jobRunner === undefined) {
    throw new ApiError(503, "jobs_unavailable", "this process does not run the scheduled jobs");
  }
  return options.jobRunner;
}

async function fireJob(runner: JobRunner, name: string) {
  try {
    return await runner.runNow(name);
  } catch (error) {
    if (!(error instanceof RangeError)) throw error;
    throw new ApiError(404, "not_found", `the job ${name} is not registered in this process`, {
      details: [{ field: "path.name", message: error.message }],
    });
  }
}

function withoutName({ name: _, ...run }: JobRunStatus): Omit<JobRunStatus, "name"> {
  return run;
}

/** Registers the jobs route. */
export function registerJobRoutes(app: ApiApp, options: ApiOptions): void {
  const schedules = jobSchedules(options.jobScheduleConfig ?? {});
  app.openapi(listRoute, async (c) => {
    const runs = await new KvJobStatusStore(requireStore(options).kv).list();
    const items = JOB_NAMES.map((name) => {
      const schedule = schedules[name];
      const run = runs.find((r) => r.name === name);
      return {
        name,
        summary: schedule.summary,
        kst: { ...schedule.kst, days: [...schedule.kst.days] } as z.infer<typeof jobSchema>["kst"],
        utc: utcCronExpressions(schedule.kst),
        guard: schedule.guard,
        needs: [...schedule.needs],
        lastRun: run === undefined ? null : withoutName(run),
      };
    });
    return c.json({ items }, 200);
  });
  app.openapi(runNowRoute, async (c) => {
    const store = requireStore(options);
    const runner = requireJobRunner(options);
    const { name } = c.req.valid("param");
    const firing = await fireJob(runner, name);
    const by = c.get("principal")!.username;
    await store.audit.append({
      kind: "config",
      action: "job_run_requested",
      subject: name,
      data: { by, ...firing },
    });
    if (firing.outcome === "busy") {
      throw new ApiError(409, "job_running", `${name} is running: ${firing.reason}`);
    }
    const run = await new KvJobStatusStore(store.kv).get(name);
    return c.json({
      name,
      outcome: firing.outcome,
      ...(firing.outcome === "skipped" ? { reason: firing.reason } : {}),
      run: run === null ? null : withoutName(run),
    }, 200);
  });
}
