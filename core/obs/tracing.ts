/**
 * Spans around the app's own units of work, on `@opentelemetry/api`. Deno's built-in
 * OpenTelemetry (`OTEL_DENO=true`) registers the tracer behind it and already traces every
 * `fetch` (so each KIS REST call) and `Deno.serve` request; a span opened here is their parent.
 * Without `OTEL_DENO` the API is a no-op and costs a function call.
 * @module
 */
import { type Attributes, context, SpanStatusCode, trace, TraceFlags } from "@opentelemetry/api";
import { scrub } from "./redact.ts";

const tracer = trace.getTracer("yeouido");

/**
 * Runs `work` inside a span named `name` with `attributes`; the span records a thrown error (its
 * message scrubbed like a log line's) and ends when `work` settles. Attributes must hold no secret:
 * they leave the process as they are.
 *
 * @example await inSpan("order.place", { "order.side": "buy" }, () => journal.placeOrder(intent))
 */
export function inSpan<T>(
  name: string,
  attributes: Attributes,
  work: () => Promise<T>,
): Promise<T> {
  return tracer.startActiveSpan(name, { attributes }, async (span) => {
    try {
      return await work();
    } catch (error) {
      const name = error instanceof Error ? error.name : "Error";
      const message = scrub(error instanceof Error ? error.message : String(error));
      span.recordException({ name, message });
      span.setStatus({ code: SpanStatusCode.ERROR, message: name });
      throw error;
    } finally {
      span.end();
    }
  });
}

/** Adds `attributes` to the active span (one of {@link inSpan}'s), if any; they must hold no secret. */
export function annotateSpan(attributes: Attributes): void {
  trace.getActiveSpan()?.setAttributes(attributes);
}

/** `bytes` random bytes as lower-case hex, never all zeros (an invalid OpenTelemetry id). */
function randomHex(bytes: number): string {
  const values = crypto.getRandomValues(new Uint8Array(bytes));
  values[0] ||= 1;
  return Array.from(values, (byte) => byte.toString(16).padStart(2, "0")).join("");
}

/**
 * Runs `work` under a parent span context marked not sampled, so the spans Deno opens inside it
 * (each `fetch`, with its `url.full`, `url.path` and `url.query`) are dropped by a parent-based
 * sampler instead of exported: for calls whose URL holds a secret (a Telegram bot token, a Slack
 * or webhook path). Only effective with `OTEL_TRACES_SAMPLER=parentbased_always_on` (or another
 * `parentbased_*`); Deno's default samples every span whatever its parent says
 * ({@link traceSamplerProblem}). The muted parent keeps the active trace's id, so nothing else
 * changes.
 */
export function untraced<T>(work: () => Promise<T>): Promise<T> {
  const active = trace.getActiveSpan()?.spanContext();
  const muted = trace.setSpanContext(context.active(), {
    traceId: active?.traceId ?? randomHex(16),
    spanId: randomHex(8),
    traceFlags: TraceFlags.NONE,
  });
  return context.with(muted, work);
}

/**
 * Why {@link untraced} would not keep secrets out of exported traces under `env`, or null: Deno
 * exports traces (`OTEL_DENO=true`) and the sampler does not follow the parent's decision.
 */
export function traceSamplerProblem(env: Record<string, string | undefined>): string | null {
  if (env.OTEL_DENO !== "true" && env.OTEL_DENO !== "1") return null;
  const sampler = env.OTEL_TRACES_SAMPLER ?? "";
  if (sampler.startsWith("parentbased_")) return null;
  return `OTEL_TRACES_SAMPLER=${sampler || "(unset)"} exports the notification channels' fetch ` +
    "spans, whose URLs hold their tokens; set OTEL_TRACES_SAMPLER=parentbased_always_on";
}
