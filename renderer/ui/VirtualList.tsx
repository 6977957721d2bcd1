// Fixed-row-height windowing: only the rows in (or near) view exist in the DOM, so a list of
// thousands scrolls and filters as smoothly as a list of ten.
import { memo, useLayoutEffect, useRef, useState, type ReactNode } from 'react';

interface Props<T> {
  items: readonly T[];
  rowHeight: number;
  getKey(item: T): string;
  renderRow(item: T, index: number): ReactNode;
  ariaLabel: string;
  testId?: string;
  /** Extra rows rendered above and below the viewport. */
  overscan?: number;
}

function VirtualListImpl<T>({ items, rowHeight, getKey, renderRow, ariaLabel, testId, overscan = 8 }: Props<T>) {
  const viewport = useRef<HTMLDivElement>(null);
  const [scrollTop, setScrollTop] = useState(0);
  const [height, setHeight] = useState(600);

  useLayoutEffect(() => {
    const element = viewport.current;
    if (!element) return;
    setHeight(element.clientHeight);
    const observer = new ResizeObserver(() => setHeight(element.clientHeight));
    observer.observe(element);
    return () => observer.disconnect();
  }, []);

  // A shorter list (after filtering) can leave the old scroll offset past its end.
  useLayoutEffect(() => {
    const element = viewport.current;
    if (element && element.scrollTop > items.length * rowHeight) {
      element.scrollTop = 0;
      setScrollTop(0);
    }
  }, [items.length, rowHeight]);

  const first = Math.max(0, Math.floor(scrollTop / rowHeight) - overscan);
  const last = Math.min(items.length, Math.ceil((scrollTop + height) / rowHeight) + overscan);
  const rows: ReactNode[] = [];
  for (let index = first; index < last; index++) {
    const item = items[index] as T;
    rows.push(
      <div key={getKey(item)} className="virtual-row" role="listitem" style={{ top: index * rowHeight, height: rowHeight }}>
        {renderRow(item, index)}
      </div>,
    );
  }

  return (
    <div
      ref={viewport}
      className="virtual-viewport"
      onScroll={(event) => setScrollTop(event.currentTarget.scrollTop)}
      role="list"
      aria-label={ariaLabel}
      data-testid={testId}
    >
      <div className="virtual-canvas" style={{ height: items.length * rowHeight }}>
        {rows}
      </div>
    </div>
  );
}

/** Memoised: a parent re-render with the same items and callbacks (a keystroke that filters to the same list) costs nothing. */
export const VirtualList = memo(VirtualListImpl) as typeof VirtualListImpl;
