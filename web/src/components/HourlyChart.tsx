import { useEffect, useMemo, useRef } from 'preact/hooks';
import uPlot from 'uplot';
import type { BoardCallFragment } from '../generated/graphql';
import { hourlyBuckets } from '../model';

const HEIGHT = 220;

function options(width: number): uPlot.Options {
  return {
    width,
    height: HEIGHT,
    scales: { x: { time: true }, calls: { range: (_u, _min, max) => [0, Math.max(4, max)] }, rate: { range: [0, 100] } },
    axes: [
      { values: (_u, ticks) => ticks.map((t) => `${String(new Date(t * 1000).getHours()).padStart(2, '0')}h`) },
      { scale: 'calls', label: 'calls', size: 40 },
      { scale: 'rate', side: 1, label: 'answered %', size: 48, grid: { show: false } },
    ],
    series: [
      {},
      { label: 'Calls', scale: 'calls', fill: 'rgba(37, 99, 235, 0.45)', stroke: '#2563eb', paths: uPlot.paths.bars!({ size: [0.7, 40] }), points: { show: false } },
      { label: 'Answer rate %', scale: 'rate', stroke: '#16a34a', width: 2, spanGaps: false },
    ],
    legend: { show: true },
  };
}

/** Calls per hour and the answer rate over the last 24 hours, from the `calls` query. */
export function HourlyChart({ calls }: { calls: BoardCallFragment[] }) {
  const box = useRef<HTMLDivElement>(null);
  const plot = useRef<uPlot | null>(null);
  const buckets = useMemo(() => hourlyBuckets(calls, Date.now()), [calls]);
  const data = useMemo<uPlot.AlignedData>(
    () => [buckets.map((b) => b.hourMs / 1000), buckets.map((b) => b.calls), buckets.map((b) => (b.calls ? Math.round((100 * b.answered) / b.calls) : null))],
    [buckets],
  );
  useEffect(() => {
    const el = box.current!;
    plot.current = new uPlot(options(Math.max(240, el.clientWidth)), data, el);
    const resize = new ResizeObserver(() => plot.current?.setSize({ width: Math.max(240, el.clientWidth), height: HEIGHT }));
    resize.observe(el);
    return () => {
      resize.disconnect();
      plot.current?.destroy();
      plot.current = null;
    };
  }, []);
  useEffect(() => plot.current?.setData(data), [data]);
  const total = buckets.reduce((n, b) => n + b.calls, 0);
  const answered = buckets.reduce((n, b) => n + b.answered, 0);
  return (
    <section class="panel chart" aria-labelledby="chart-title">
      <h2 id="chart-title">Calls per hour, last 24 h</h2>
      <p data-testid="chart-summary">
        {total} {total === 1 ? 'call' : 'calls'}, {total ? Math.round((100 * answered) / total) : 0}% answered
      </p>
      <div ref={box} class="plot" role="img" aria-label={`Bar chart: ${total} calls in the last 24 hours, ${answered} answered`} />
    </section>
  );
}
