/**
 * A refusal people can act on: shown as `fail(status, { message, errors })` on forms. `errors` maps
 * a field id to its message, so the error summary can link to the field.
 */
export class ScheduleError extends Error {
	constructor(
		message: string,
		readonly errors: Record<string, string> = {},
		readonly status: 400 | 403 | 404 = 400
	) {
		super(message);
		this.name = 'ScheduleError';
	}
}
