/**
 * `GET /api/v1/jobs`: every scheduled job with its KST schedule, the UTC `Deno.cron` expressions
 * it is registered under, its guard and its last recorded run.
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
import type { ApiApp, ApiOptions } from "../context.ts";
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
}
