import { type Signal, useSignalEffect } from "@preact/signals";
import { useEffect, useRef } from "preact/hooks";
import {
  CategoryScale,
  Chart,
  LinearScale,
  LineController,
  LineElement,
  PointElement,
} from "chart.js";

Chart.register(LineController, LineElement, PointElement, LinearScale, CategoryScale);

/** Props of {@link Sparkline}. */
export interface SparklineProps {
  /** The value to follow; every change appends a point. */
  readonly value: Signal<number>;
  /** Points drawn before the first change. */
  readonly history: readonly number[];
  readonly label: string;
}

/** A small chart.js line of a signal's recent values, with the latest value beside it. */
export default function Sparkline({ value, history, label }: SparklineProps) {
  const canvas = useRef<HTMLCanvasElement>(null);
  const chart = useRef<Chart<"line"> | null>(null);

  useEffect(() => {
    if (!canvas.current) return;
    const points = [...history];
    chart.current = new Chart(canvas.current, {
      type: "line",
      data: {
        labels: points.map((_, i) => String(i)),
        datasets: [{
          data: points,
          borderColor: "#2563eb",
          borderWidth: 2,
          pointRadius: 0,
          tension: 0.3,
        }],
      },
      options: {
        animation: false,
        responsive: true,
        maintainAspectRatio: false,
        events: [],
        scales: { x: { display: false }, y: { display: false } },
      },
    });
    return () => chart.current?.destroy();
  }, []);

  useSignalEffect(() => {
    const latest = value.value;
    const current = chart.current;
    if (!current) return;
    const data = current.data.datasets[0]!.data as number[];
    if (data.at(-1) === latest) return;
    data.push(latest);
    if (data.length > 30) data.shift();
    current.data.labels = data.map((_, i) => String(i));
    current.update();
  });

  return (
    <figure class="sparkline">
      <div class="sparkline-canvas">
        <canvas ref={canvas} width={240} height={64} role="img" aria-label={`${label} 추이`} />
      </div>
      <figcaption>
        {label} <strong data-testid="sparkline-value">{value}</strong>
      </figcaption>
    </figure>
  );
}
