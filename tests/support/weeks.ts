// Weeks relative to today, as the API counts them for someone in UTC (everyone's zone until
// they set their own).
import { type IsoDate, todayUtc, weekStartOf } from '@leadtrack/core';

/** This week's Monday. */
export const thisWeekUtc = (): IsoDate => weekStartOf(todayUtc());
