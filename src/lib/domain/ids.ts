/** The largest value the database's integer columns hold (PostgreSQL's `integer`): ids, URNs, years. */
export const MAX_ROW_ID = 2_147_483_647;

/**
 * Whether a number read from an address or a form can name a row: a whole number from 1 to
 * MAX_ROW_ID. Anything else names nothing, and is answered as not found rather than sent to the
 * database, which on PostgreSQL refuses a number too large for the column with an error.
 */
export function isRowId(n: number): boolean {
	return Number.isInteger(n) && n > 0 && n <= MAX_ROW_ID;
}
