/**
 * The one error a refused request is thrown as, from the access policy (see access.ts) and from
 * every service that checks what was typed. Anything else thrown is a fault.
 *
 * - 400: understood but refused as it stands (a field missing or wrong, a step out of order).
 * - 403: this person may not do it.
 * - 404: no such thing, or one this person is not told exists (another school, for a headteacher).
 *
 * `errors` maps form field ids to their messages, so a form can show each beside its field and the
 * error summary can link to it; `field` is the field of a one-field refusal. On the server,
 * src/lib/server/access.ts turns a refusal into an HTTP answer in one way: `error(status)` in a
 * load, `fail(status, { message, field, errors })` in a form action.
 */
export type RefusalStatus = 400 | 403 | 404;

export interface RefusalOptions {
	status?: RefusalStatus;
	/** The one field the message is about: `errors` becomes `{ [field]: message }`. */
	field?: string | null;
	/** Every field's own message, when several fields are refused at once. */
	errors?: Record<string, string>;
}

export class Refusal extends Error {
	readonly status: RefusalStatus;
	readonly field: string | null;
	readonly errors: Record<string, string>;

	constructor(message: string, { status = 400, field = null, errors }: RefusalOptions = {}) {
		super(message);
		this.name = 'Refusal';
		this.status = status;
		this.field = field;
		this.errors = errors ?? (field ? { [field]: message } : {});
	}

	/** Several fields refused at once; the message is the first field's. */
	static fields(errors: Record<string, string>, fallback = 'Check what you entered'): Refusal {
		return new Refusal(Object.values(errors)[0] ?? fallback, { errors });
	}
}

/** The words every hidden thing answers with, so nothing in a refusal says whether it exists. */
export const NOT_FOUND = 'Page not found';
