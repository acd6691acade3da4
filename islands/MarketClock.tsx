import { useSignal } from "@preact/signals";
import { useEffect } from "preact/hooks";
import { type SessionPhase, sessionPhaseAt } from "@/core/krx/mod.ts";

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

/** A KRX session phase, or `unknown` for a year whose closing days the calendar does not hold. */
type ShownPhase = SessionPhase | "unknown";

/** Korean labels of the KRX session phases. */
const PHASE_LABELS: Record<ShownPhase, string> = {
  closed: "장 마감",
  pre_open: "장 시작 전 시간외",
  opening_auction: "시가 동시호가",
  continuous: "정규장",
  closing_auction: "종가 동시호가",
  after_hours: "장 마감 후 시간외",
  unknown: "휴장일 정보 없음",
};

/** The phase at `instant`; past the bundled calendar's years the clock keeps ticking without one. */
function shownPhase(instant: Date): ShownPhase {
  try {
    return sessionPhaseAt(instant);
  } catch (error) {
    if (error instanceof RangeError) return "unknown";
    throw error;
  }
}

/** The current time in Seoul (KST) and the KRX session phase, ticking every second once hydrated. */
export default function MarketClock({ serverTime }: MarketClockProps) {
  const now = useSignal(serverTime);
  useEffect(() => {
    now.value = new Date();
    const timer = setInterval(() => now.value = new Date(), 1000);
    return () => clearInterval(timer);
  }, []);
  const phase = shownPhase(now.value);
  return (
    <div class="market-clock">
      <span class={`phase phase-${phase}`} data-testid="market-phase">{PHASE_LABELS[phase]}</span>
      <time data-testid="market-clock" dateTime={now.value.toISOString()}>
        {FORMAT.format(now.value)} KST
      </time>
    </div>
  );
}
