import {
  type KeyboardEvent,
  type MouseEvent,
  type ReactNode,
  type RefObject,
  useLayoutEffect,
  useRef,
  useState,
} from 'react';
import { useMoneyFormat } from '../../components/money';
import { formatMonth } from '../../lib/format';
import { useLocale } from '../../lib/locale';
import { navigate } from '../../lib/router';
import { useProfile } from '../../lib/session';
import { axisMoney, monthTick, niceTicks } from './chart-scale';

export interface ChartPoint {
  month: string;
  income: string;
  expense: string;
  savings: string;
}

export interface ChartSeries {
  key: 'income' | 'expense';
  label: string;
}

const HEIGHT = 220;
const TOP = 18;
const BOTTOM = 40;
/** Roughly how wide a 12 px axis label's character is, to give the amount axis the room its labels need. */
const AXIS_CHAR = 7;
/** Narrower than this, the chart shows its last six months: each stays a 44 px touch target. */
const NARROW = 520;
const PLOT = HEIGHT - TOP - BOTTOM;

/** The element's width in CSS pixels, kept up to date as the layout changes. */
function useWidth(element: RefObject<HTMLElement | null>): number {
  const [width, setWidth] = useState(0);
  useLayoutEffect(() => {
    const node = element.current;
    if (!node) return;
    setWidth(node.clientWidth);
    const observer = new ResizeObserver(([entry]) => setWidth(entry?.contentRect.width ?? 0));
    observer.observe(node);
    return () => observer.disconnect();
  }, [element]);
  return width;
}

/** What a chart with no data shows: faint bars where the data would be, and a sentence saying what to do. */
export function EmptyChart({ children }: { children: ReactNode }) {
  const heights = [40, 62, 48, 75, 55, 68, 44, 80, 58, 70, 50, 64];
  return (
    <div className="empty-chart">
      <div className="empty-chart-bars" aria-hidden="true">
        {heights.map((height, index) => (
          // biome-ignore lint/suspicious/noArrayIndexKey: a fixed decoration that never reorders
          <span key={index} style={{ height: `${height}%` }} />
        ))}
      </div>
      <p className="empty-chart-text">{children}</p>
    </div>
  );
}

/**
 * Months as bars: an amount axis with round values, month labels with their year, the exact amounts in a
 * tooltip on hover and keyboard focus, and each month a link to its transactions. The months are one tab
 * stop; the arrow keys, Home and End move between them and Escape hides the tooltip.
 */
export function BarChart({
  points,
  series,
  label,
  selected,
  hrefFor,
}: {
  points: ChartPoint[];
  series: ChartSeries[];
  /** The chart's accessible name: "Income and expenses by month". */
  label: string;
  selected?: string;
  hrefFor: (month: string) => string;
}) {
  const locale = useLocale();
  const money = useMoneyFormat();
  const currency = useProfile().data?.preferredCurrency ?? 'USD';
  const frame = useRef<HTMLDivElement>(null);
  const links = useRef<(HTMLAnchorElement | null)[]>([]);
  const width = useWidth(frame);
  const narrow = width > 0 && width < NARROW;
  const shown = narrow ? points.slice(-6) : points;
  const axis = axisMoney(locale, currency);
  const [active, setActive] = useState<number | null>(null);
  const [focusIndex, setFocusIndex] = useState<number | null>(null);
  const current = Math.min(
    focusIndex ??
      Math.max(
        0,
        shown.findIndex((point) => point.month === selected),
      ),
    shown.length - 1,
  );

  const values = shown.flatMap((point) => series.map((one) => Number(point[one.key])));
  const ticks = niceTicks(Math.max(0, ...values));
  const top = ticks.at(-1) ?? 1;
  // Room for the amount axis; a narrow chart writes its amounts above the grid lines instead.
  const left = narrow ? 0 : 12 + AXIS_CHAR * Math.max(...ticks.map((tick) => axis(tick).length));
  const y = (value: number) => TOP + PLOT - (Math.max(0, value) / top) * PLOT;
  const plotWidth = Math.max(0, width - left);
  const slot = shown.length > 0 ? plotWidth / shown.length : 0;
  const bar = Math.max(3, Math.min(28, (slot - 10) / series.length - 2));

  const describe = (point: ChartPoint) =>
    `${formatMonth(point.month, locale)}: ${series
      .map((one) => `${one.label.toLowerCase()} ${money(point[one.key])}`)
      .join(', ')}. Show the transactions.`;

  const move = (event: KeyboardEvent) => {
    const last = shown.length - 1;
    const next =
      event.key === 'ArrowRight' || event.key === 'ArrowDown'
        ? Math.min(last, current + 1)
        : event.key === 'ArrowLeft' || event.key === 'ArrowUp'
          ? Math.max(0, current - 1)
          : event.key === 'Home'
            ? 0
            : event.key === 'End'
              ? last
              : null;
    if (event.key === 'Escape') {
      setActive(null);
      return;
    }
    if (next === null) return;
    event.preventDefault();
    setFocusIndex(next);
    setActive(next);
    links.current[next]?.focus();
  };

  // In-app navigation, as <Link> does; a modified click opens a tab as links do.
  const follow = (event: MouseEvent<HTMLAnchorElement>) => {
    if (event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey) return;
    event.preventDefault();
    navigate(event.currentTarget.getAttribute('href') ?? '/');
  };

  const tip = active !== null ? shown[active] : undefined;
  // Beside the month, towards the middle of the chart: it never runs off the chart's edge.
  const tipCenter = active === null ? 0 : left + slot * (active + 0.5);
  const tipPlace =
    tipCenter < width / 2
      ? { left: Math.max(0, tipCenter - slot / 2) }
      : { right: Math.max(0, width - tipCenter - slot / 2) };

  return (
    <div className="bar-chart" ref={frame} style={{ height: HEIGHT }}>
      {width > 0 && (
        <svg width={width} height={HEIGHT} aria-hidden="true" className="bar-chart-svg">
          {ticks.map((tick) => (
            <g key={tick}>
              <line x1={left} x2={width} y1={y(tick)} y2={y(tick)} className="grid-line" />
              {narrow ? (
                <text x={2} y={y(tick) - 4} className="axis">
                  {tick > 0 ? axis(tick) : ''}
                </text>
              ) : (
                <text x={left - 6} y={y(tick)} dy="0.32em" textAnchor="end" className="axis">
                  {axis(tick)}
                </text>
              )}
            </g>
          ))}
          {shown.map((point, index) => {
            const x = left + index * slot + (slot - series.length * (bar + 2)) / 2;
            const tick = monthTick(point.month, locale, index);
            return (
              <g
                key={point.month}
                className={[
                  point.month === selected ? 'selected' : '',
                  active === index ? 'active' : '',
                ].join(' ')}
              >
                {active === index && (
                  <rect
                    x={left + index * slot}
                    y={TOP}
                    width={slot}
                    height={PLOT}
                    className="slot-highlight"
                  />
                )}
                {series.map((one, n) => {
                  const value = Number(point[one.key]);
                  return (
                    <rect
                      key={one.key}
                      className={`bar-${one.key}`}
                      x={x + n * (bar + 2)}
                      y={y(value)}
                      width={bar}
                      height={Math.max(0, TOP + PLOT - y(value))}
                      rx="2"
                    />
                  );
                })}
                <text
                  x={left + (index + 0.5) * slot}
                  y={HEIGHT - BOTTOM + 16}
                  textAnchor="middle"
                  className="axis"
                >
                  {tick.month}
                </text>
                {tick.year && (
                  <text
                    x={left + (index + 0.5) * slot}
                    y={HEIGHT - BOTTOM + 31}
                    textAnchor="middle"
                    className="axis axis-year"
                  >
                    {tick.year}
                  </text>
                )}
              </g>
            );
          })}
        </svg>
      )}
      {/* biome-ignore lint/a11y/useSemanticElements: a group of links, not of form fields (no fieldset) */}
      <div className="bar-chart-links" role="group" aria-label={label} onKeyDown={move}>
        {width > 0 &&
          shown.map((point, index) => (
            <a
              key={point.month}
              ref={(node) => {
                links.current[index] = node;
              }}
              href={hrefFor(point.month)}
              className="bar-chart-link"
              style={{ left: left + index * slot, width: slot, top: TOP, height: HEIGHT - TOP }}
              tabIndex={index === current ? 0 : -1}
              onPointerEnter={() => setActive(index)}
              onPointerLeave={() => setActive((now) => (now === index ? null : now))}
              onFocus={() => {
                setFocusIndex(index);
                setActive(index);
              }}
              onBlur={() => setActive((now) => (now === index ? null : now))}
              onClick={follow}
            >
              <span className="visually-hidden">{describe(point)}</span>
            </a>
          ))}
      </div>
      {tip && (
        <div className="chart-tooltip" aria-hidden="true" style={tipPlace}>
          <strong>{formatMonth(tip.month, locale)}</strong>
          {series.map((one) => (
            <span key={one.key} className={`tip-${one.key}`}>
              <span className={`key key-${one.key}`} /> {one.label}{' '}
              <span className="tip-amount">{money(tip[one.key])}</span>
            </span>
          ))}
        </div>
      )}
    </div>
  );
}
