import { format } from 'date-fns';
import type { IsoDate } from '../../domain/quality-mark';

/** Today's calendar date where the server runs, as the 'yyyy-MM-dd' the Quality Mark rules use. */
export function todayIso(): IsoDate {
	return format(new Date(), 'yyyy-MM-dd');
}
