import { useSignal } from "@preact/signals";
import { useEffect } from "preact/hooks";
import { LIVE_ACTIVITY_EVENTS } from "@/core/web/client/live_activity.ts";
import { openLiveEvents } from "@/core/web/client/live_events.ts";

/** The words the feed shows, from the page's message table. */
export interface LiveActivityText {
  readonly title: string;
  readonly waiting: string;
  readonly connected: string;
  readonly reconnecting: string;
  readonly ended: string;
  readonly reload: string;
  readonly empty: string;
  /** Each event's name in words. */
  readonly events: Readonly<Record<string, string>>;
  /** Each action the listed events carry, in words (`liveActivityActions`). */
  readonly actions: Readonly<Record<string, string>>;
}

/** Props of {@link LiveActivity}. */
export interface LiveActivityProps {
  readonly text: LiveActivityText;
}

/** How many events the list keeps. */
const KEPT = 8;

interface Shown {
  readonly id: string;
  readonly event: string;
  readonly at: number;
  readonly subject: string;
  readonly action: string;
}

type Connection = "waiting" | "connected" | "reconnecting" | "ended";

const TIME = new Intl.DateTimeFormat("ko-KR", {
  timeZone: "Asia/Seoul",
  hour: "2-digit",
  minute: "2-digit",
  second: "2-digit",
  hour12: false,
});

/**
 * What happens in the account as it happens: orders, fills, risk refusals, the kill switch and
 * fired alerts, from the API's event stream (`/api/v1/events`, the session cookie; the page's one
 * connection, shared with the live prices). The browser's
 * `EventSource` reconnects by itself and resumes after the last event it saw; a stream the server
 * ended for good (the session ran out) says to reload. Before the script runs it says that a reload
 * shows the latest numbers.
 */
export default function LiveActivity({ text }: LiveActivityProps) {
  const connection = useSignal<Connection>("waiting");
  const events = useSignal<readonly Shown[]>([]);
  useEffect(() => {
    const live = openLiveEvents();
    const { source } = live;
    if (source.readyState === EventSource.OPEN) connection.value = "connected";
    const onOpen = () => connection.value = "connected";
    const onError = () => {
      connection.value = source.readyState === EventSource.CLOSED ? "ended" : "reconnecting";
    };
    source.addEventListener("open", onOpen);
    source.addEventListener("error", onError);
    const listen = (event: string) => (message: MessageEvent<string>) => {
      const entry = JSON.parse(message.data) as Partial<Shown>;
      const shown: Shown = {
        id: message.lastEventId,
        event,
        at: typeof entry.at === "number" ? entry.at : Date.now(),
        subject: String(entry.subject ?? ""),
        action: String(entry.action ?? ""),
      };
      events.value = [shown, ...events.value].slice(0, KEPT);
    };
    const listeners = LIVE_ACTIVITY_EVENTS.map((event) => [event, listen(event)] as const);
    for (const [event, listener] of listeners) source.addEventListener(event, listener);
    return () => {
      source.removeEventListener("open", onOpen);
      source.removeEventListener("error", onError);
      for (const [event, listener] of listeners) source.removeEventListener(event, listener);
      live.release();
    };
  }, []);
  const state = connection.value;
  return (
    <article class="card live" data-testid="live-activity" data-connection={state}>
      <h2>
        {text.title} <span class={`live-dot live-${state}`}>{text[state]}</span>
      </h2>
      {events.value.length === 0 ? <p class="muted">{text.empty}</p> : (
        <ul class="live-list">
          {events.value.map((shown) => (
            <li key={shown.id}>
              <span class="nowrap">{TIME.format(shown.at)}</span>{" "}
              <strong>{text.events[shown.event] ?? shown.event}</strong>{" "}
              <span class="muted">
                {text.actions[shown.action] ?? shown.action} · {shown.subject}
              </span>
            </li>
          ))}
        </ul>
      )}
      {(state === "ended" || events.value.length > 0) && (
        <p>
          <a href="">{text.reload}</a>
        </p>
      )}
    </article>
  );
}
