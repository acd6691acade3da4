/**
 * Spans around the app's own units of work, on `@opentelemetry/api`. Deno's built-in
 * OpenTelemetry (`OTEL_DENO=true`) registers the tracer behind it and already traces every
 * `fetch` (so each KIS REST call) and `Deno.serve` request; a span opened here is their parent.
 * Without `OTEL_DENO` the API is a no-op and costs a function call.
 * @module
 */
import { type Attributes, SpanStatusCode, trace } from "@opentelemetry/api";
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
