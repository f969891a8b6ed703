import { describe, expect, it } from 'vitest';
import { type GeneratedTransaction, generateHousehold, generateLabelledHistory } from '../demo/generator';
import { detectRecurring, type HistoryRow } from '../recurring/detect';
import { monthRange } from '../validation/dates';
import { toCents } from '../validation/money';
import { estimateMonthEnd } from './estimate';

/**
 * How close is the forecast made on the 10th to the month's actual spending? Seeded histories from the
 * shared generators — the demo household at several scales, and the labelled households with their
 * irregular shops and one-off purchases — each forecast for three months in a row, with the series detected
 * and the forecast made from nothing after the 10th, against the expenses the whole month really had.
 */
const HOUSEHOLDS = 24;
const FORECAST_DAY = 10;
const TARGETS = 3;

interface Outcome {
  error: number;
  inRange: boolean;
}

function asHistory(transactions: GeneratedTransaction[]): HistoryRow[] {
  const categories = new Map<string, number>();
  return transactions.map((t, i) => {
    if (!categories.has(t.category)) categories.set(t.category, categories.size + 1);
    return {
      id: i + 1,
      date: t.date,
      amount: t.amount,
      type: t.type,
      categoryId: categories.get(t.category) ?? 0,
      payee: t.payee,
      note: t.note,
    };
  });
}

function backtest(history: HistoryRow[], month: string): Outcome {
  const { start, end } = monthRange(month);
  const today = `${month}-${String(FORECAST_DAY).padStart(2, '0')}`;
  const known = history.filter((r) => r.date >= monthRange(month, -12).start && r.date <= today);
  const forecast = estimateMonthEnd({ month, today, history: known, series: detectRecurring(known, today) });
  const actual = history
    .filter((r) => r.type === 'EXPENSE' && r.date >= start && r.date < end)
    .reduce((sum, r) => sum + toCents(r.amount), 0);
  const { expected, low, high } = forecast.expense;
  return {
    error: Math.abs(toCents(expected) - actual) / actual,
    inRange: toCents(low) <= actual && actual <= toCents(high),
  };
}

/** Nearest-rank percentile. */
function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.max(0, Math.ceil(p * sorted.length) - 1)] ?? 0;
}

function summary(name: string, outcomes: Outcome[]) {
  const errors = outcomes.map((o) => o.error);
  const mdape = percentile(errors, 0.5);
  const p90 = percentile(errors, 0.9);
  const covered = outcomes.filter((o) => o.inRange).length / outcomes.length;
  return {
    mdape,
    text: `${name}: MdAPE ${(100 * mdape).toFixed(1)} %, p90 ${(100 * p90).toFixed(1)} %, actual within low..high ${(100 * covered).toFixed(0)} % (${outcomes.length} months)`,
  };
}

describe('month-end forecast backtest on seeded histories', () => {
  it('is within 10 % of the actual month-end expense in the median month, forecast on the 10th', () => {
    const demo: Outcome[] = [];
    const labelled: Outcome[] = [];
    for (let seed = 1; seed <= HOUSEHOLDS; seed++) {
      // History ends the month after the last target, so the targets are whole months in every season.
      const endMonth = monthRange('2026-01', seed % 12).start.slice(0, 7);
      const today = monthRange(endMonth, 1).start;
      const scale = [0.3, 0.6, 1, 2, 4][seed % 5] ?? 1;
      const months = 12 + TARGETS + 1;
      const households = [
        { outcomes: demo, history: asHistory(generateHousehold({ seed, scale, months, endMonth, today })) },
        {
          outcomes: labelled,
          history: asHistory(
            generateLabelledHistory({ seed: seed * 104_729, months, endMonth, today }).transactions,
          ),
        },
      ];
      for (const { outcomes, history } of households) {
        for (let back = TARGETS; back >= 1; back--) {
          outcomes.push(backtest(history, monthRange(endMonth, -back).start.slice(0, 7)));
        }
      }
    }
    const all = summary('all', [...demo, ...labelled]);
    const parts = [summary('demo households', demo), summary('labelled households', labelled)];
    console.info(
      `forecast on day ${FORECAST_DAY} vs month-end expense — ${[all, ...parts].map((s) => s.text).join('; ')}`,
    );
    expect(all.mdape).toBeLessThanOrEqual(0.1);
    for (const part of parts) expect(part.mdape).toBeLessThanOrEqual(0.1);
  });
});
