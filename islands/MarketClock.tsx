import { useSignal } from "@preact/signals";
import { useEffect } from "preact/hooks";

/** Props of {@link MarketClock}. */
export interface MarketClockProps {
  /** The server's time when the page was rendered, shown until the browser takes over. */
  readonly serverTime: Date;
}

const FORMAT = new Intl.DateTimeFormat("ko-KR", {
  timeZone: "Asia/Seoul",
  year: "numeric",
  month: "2-digit",
  day: "2-digit",
  weekday: "short",
  hour: "2-digit",
  minute: "2-digit",
  second: "2-digit",
  hour12: false,
});

/** The current time in Seoul (KST), ticking every second once hydrated. */
export default function MarketClock({ serverTime }: MarketClockProps) {
  const now = useSignal(serverTime);
  useEffect(() => {
    now.value = new Date();
    const timer = setInterval(() => now.value = new Date(), 1000);
    return () => clearInterval(timer);
  }, []);
  return (
    <time class="market-clock" data-testid="market-clock" dateTime={now.value.toISOString()}>
      {FORMAT.format(now.value)} KST
    </time>
  );
}
