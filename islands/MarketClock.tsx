import { useSignal } from "@preact/signals";
import { useEffect } from "preact/hooks";
import { type SessionPhase, sessionPhaseAt } from "@/core/krx/mod.ts";

/** The demo's simulated clock as the server read it when it rendered the page. */
export interface SimulatedClock {
  /** The simulated instant at `serverTime`. */
  readonly at: Date;
  /** Simulated milliseconds per wall millisecond. */
  readonly speed: number;
}

/** Props of {@link MarketClock}. */
export interface MarketClockProps {
  /** The server's time when the page was rendered, shown until the browser takes over. */
  readonly serverTime: Date;
  /** In the demo: the simulated market's clock, which the clock shows instead of the wall's. */
  readonly simulated?: SimulatedClock;
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

/** The instant to show: the wall clock, or the simulated one moved on by the wall time since render. */
function shownInstant(serverTime: Date, simulated: SimulatedClock | undefined): Date {
  if (!simulated) return new Date();
  const elapsed = Math.max(0, Date.now() - serverTime.getTime());
  return new Date(simulated.at.getTime() + elapsed * simulated.speed);
}

/**
 * The current time in Seoul (KST) and the KRX session phase, ticking every second once hydrated;
 * in the demo the simulated market's time and phase, labelled 모의 시장.
 */
export default function MarketClock({ serverTime, simulated }: MarketClockProps) {
  const now = useSignal(simulated?.at ?? serverTime);
  useEffect(() => {
    now.value = shownInstant(serverTime, simulated);
    const timer = setInterval(() => now.value = shownInstant(serverTime, simulated), 1000);
    return () => clearInterval(timer);
  }, []);
  const phase = shownPhase(now.value);
  return (
    <div class="market-clock">
      {simulated && <span class="sim-label" data-testid="market-clock-simulated">모의 시장</span>}
      <span class={`phase phase-${phase}`} data-testid="market-phase">{PHASE_LABELS[phase]}</span>
      <time data-testid="market-clock" dateTime={now.value.toISOString()}>
        {FORMAT.format(now.value)} KST
      </time>
    </div>
  );
}
