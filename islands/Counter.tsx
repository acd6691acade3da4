import type { Signal } from "@preact/signals";

/** Props of {@link Counter}. */
export interface CounterProps {
  /** The shared value; other islands given the same signal follow it. */
  readonly count: Signal<number>;
  readonly label: string;
  readonly step?: number;
}

/** A − / + stepper over a shared signal. */
export default function Counter({ count, label, step = 1 }: CounterProps) {
  return (
    <div class="counter" role="group" aria-label={label}>
      <button type="button" aria-label={`${label} 줄이기`} onClick={() => count.value -= step}>
        −
      </button>
      <output data-testid="counter-value">{count}</output>
      <button type="button" aria-label={`${label} 늘리기`} onClick={() => count.value += step}>
        +
      </button>
    </div>
  );
}
