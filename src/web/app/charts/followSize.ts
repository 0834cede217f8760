/**
 * Keeps an ECharts instance as wide as its container. A window `resize`
 * listener misses the container settling after first paint (menu, drawer,
 * cards laid out later), which left charts drawn wider than their card.
 */
export function followSize(el: HTMLElement, chart: { resize(): void }): () => void {
  const observer = new ResizeObserver(() => chart.resize());
  observer.observe(el);
  return () => observer.disconnect();
}
