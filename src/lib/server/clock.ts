import { dateInEngland, type IsoDate } from '../domain/calendar/iso-date';

/**
 * The app's one clock. Everything that asks what time or what day it is asks here, so a test can
 * set the time once (`setClock`) and every page, rule and export sees the same moment. "Today" is
 * the calendar date in England (Europe/London), whatever zone the server runs in: between midnight
 * and 1 am in summer, UTC is still on the day before.
 */
let read: () => Date = () => new Date();

/** The current instant. */
export function now(): Date {
	return read();
}

/** The current instant as a UTC ISO timestamp, the form every stored timestamp takes. */
export function nowIso(): string {
	return now().toISOString();
}

/** Today's date in England, as `yyyy-mm-dd`. */
export function today(): IsoDate {
	return dateInEngland(now());
}

/** For tests: stop the clock at an instant (or run it from a function); `null` sets it going again. */
export function setClock(clock: Date | string | (() => Date) | null): void {
	if (clock === null) read = () => new Date();
	else if (typeof clock === 'function') read = clock;
	else {
		const at = new Date(clock);
		read = () => new Date(at);
	}
}
