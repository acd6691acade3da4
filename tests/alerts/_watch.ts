import type { BrokerStream, StreamEvent } from "../../core/broker/mod.ts";
import type { Notification } from "../../core/notify/mod.ts";
import { type AlertWatcher, type TriggerOutcome } from "../../core/alerts/watcher.ts";
import type { Alert, AlertRuleInput } from "../../core/alerts/mod.ts";
import { AlertRepository } from "../../core/alerts/repository.ts";
import { within } from "../broker/kis/_e2e.ts";
import type { JournalRig } from "../trading/_journal.ts";
import { SAMSUNG } from "./_make.ts";

/**
 * A stream as the watcher reads it, counting the trades the watcher has finished with: the count
 * moves when the watcher asks for the next event, so a test can wait until a tick was handled.
 */
export function counted(stream: BrokerStream): BrokerStream & { handled(): number } {
  let handled = 0;
  return {
    async *[Symbol.asyncIterator](): AsyncIterator<StreamEvent> {
      for await (const event of stream) {
        yield event;
        if (event.type === "trade") handled++;
      }
    },
    close: () => stream.close(),
    handled: () => handled,
  };
}

/** Resolves once `condition` holds, polling; fails naming `what` after 10 s of real time. */
export function eventually(condition: () => boolean, what: string): Promise<void> {
  return within(
    (async () => {
      while (!condition()) await new Promise((resolve) => setTimeout(resolve, 5));
    })(),
    what,
  );
}

/** A watcher reading a counted stream in the background, and what it reported. */
export interface Watching extends AsyncDisposable {
  readonly outcomes: TriggerOutcome[];
  /** Trades the watcher has finished handling. */
  handled(): number;
}

/** Starts `watcher.watch` on `stream`; dispose to close the stream and await the loop. */
export function startWatching(watcher: AlertWatcher, stream: BrokerStream): Watching {
  const feed = counted(stream);
  const outcomes: TriggerOutcome[] = [];
  const loop = watcher.watch(feed, (outcome) => outcomes.push(outcome));
  return {
    outcomes,
    handled: feed.handled,
    async [Symbol.asyncDispose]() {
      await feed.close();
      await loop;
    },
  };
}

/** The injected notify function of the tests: records every message it is given. */
export function recordingNotify(): {
  readonly sent: Notification[];
  notify(notification: Notification): Promise<void>;
} {
  const sent: Notification[] = [];
  return {
    sent,
    notify: (notification) => {
      sent.push(notification);
      return Promise.resolve();
    },
  };
}

/**
 * Buys `held` Samsung at the rig's simulator (nothing for 0) and writes a `notify_and_exit` alert
 * selling all of it under `rule` (by default a stop-loss at twice the price, which the next trade
 * fires); with the day's price it was written at.
 */
export async function heldWithExit(
  rig: JournalRig,
  held: number,
  rule?: AlertRuleInput,
): Promise<{ alerts: AlertRepository; alert: Alert; price: number }> {
  if (held > 0) {
    await rig.e2e.broker.placeOrder({
      type: "market",
      side: "buy",
      symbol: SAMSUNG,
      quantity: held,
    });
  }
  const price = rig.e2e.sim.market.price(SAMSUNG);
  const alerts = new AlertRepository(rig.store);
  const alert = await alerts.create({
    account: rig.accountId,
    symbol: SAMSUNG,
    rule: rule ?? { kind: "stop_loss", trigger: { basis: "price", price: price * 2 } },
    action: { kind: "notify_and_exit", quantity: { kind: "all" } },
  });
  return { alerts, alert, price };
}
