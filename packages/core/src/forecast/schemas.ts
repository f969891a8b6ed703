import { z } from 'zod';
import { isoMonth } from '../validation/dates';

export type { Forecast, ForecastDue, ForecastPart } from './estimate';

export const forecastInput = z.strictObject({
  /** "YYYY-MM"; the user's current month (in their time zone) when omitted. */
  month: isoMonth.optional(),
});
export type ForecastInput = z.input<typeof forecastInput>;
