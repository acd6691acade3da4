/**
 * Worker thread entry for the sweep pool: each message brings a MessagePort, over which one
 * {@link SweepTask} arrives; the thread runs items of it and answers on the port (with an error
 * message if an item failed), then closes the port.
 * @module
 */
import { parentPort } from "node:worker_threads";
import { runTaskItems, type SweepTask } from "./plan.ts";

parentPort?.on("message", ({ port }: { port: MessagePort }) => {
  port.onmessage = (event: MessageEvent<SweepTask>) => {
    try {
      runTaskItems(event.data);
      port.postMessage({});
    } catch (error) {
      port.postMessage({ error: error instanceof Error ? error.message : String(error) });
    }
    port.close();
  };
});
