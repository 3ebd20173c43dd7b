/**
 * A Quality Mark change that was refused, with a message the person can act on.
 * - refused: the request is understood but not allowed now (wrong status, details missing): 400.
 * - forbidden: this person may never do it: 403.
 * - not_found: no such school or framework, or a headteacher asking about another school: 404,
 *   so the existence of other schools is not revealed.
 */
export class QualityMarkError extends Error {
	constructor(
		message: string,
		readonly kind: 'refused' | 'forbidden' | 'not_found' = 'refused'
	) {
		super(message);
	}
}
