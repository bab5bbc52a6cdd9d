import type { EChartsCoreOption, ECElementEvent } from 'echarts/core';
import { useEffect, useRef } from 'react';
import type { CSSProperties } from 'react';
import { echarts } from './echarts.ts';

type Props = {
  option: EChartsCoreOption;
  /** Called with the clicked data item (series data carry the codes to filter by). */
  onItemClick?: (event: ECElementEvent) => void;
  height?: number | string;
  style?: CSSProperties;
  ariaLabel?: string;
};

/** The one ECharts wrapper: init on mount, dispose on unmount, resize with its box. */
export function EChart({ option, onItemClick, height = 320, style, ariaLabel }: Props) {
  const ref = useRef<HTMLDivElement>(null);
  const chartRef = useRef<ReturnType<typeof echarts.init> | null>(null);
  const clickRef = useRef(onItemClick);
  clickRef.current = onItemClick;

  useEffect(() => {
    const element = ref.current;
    if (!element) return;
    const chart = echarts.init(element, undefined, { renderer: 'canvas' });
    chartRef.current = chart;
    chart.on('click', (event) => clickRef.current?.(event));
    const observer = new ResizeObserver(() => chart.resize());
    observer.observe(element);
    return () => {
      observer.disconnect();
      chart.dispose();
      chartRef.current = null;
    };
  }, []);

  useEffect(() => {
    chartRef.current?.setOption(option, { notMerge: true });
  }, [option]);

  useEffect(() => {
    const element = ref.current;
    if (element) element.style.cursor = onItemClick ? 'pointer' : 'default';
  }, [onItemClick]);

  return <div ref={ref} role="img" aria-label={ariaLabel} style={{ width: '100%', height, ...style }} />;
}
