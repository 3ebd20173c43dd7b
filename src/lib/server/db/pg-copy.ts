// Changes here are on the import's hot path: check them with `npm run bench:import -- --only postgres`.
import type { PostgresPoolClient } from 'kysely';

/*
 * PostgreSQL's COPY ... FROM STDIN, for the import's bulk inserts (bulk.ts). It loads rows several
 * times faster than multi-row INSERTs: no statement of thousands of parameters to parse and plan
 * for each batch, and no parameters to bind. The rows travel in COPY's text format.
 *
 * kysely has no way to send COPY's data, so a COPY statement goes through kysely like any other,
 * with the rows as its one parameter (a CopyRows), and the pool's connections (countingPool,
 * data-version.ts) hand such a statement to `copyIn` instead of pg's query. That keeps it inside the
 * transaction kysely opened, counted like any other write.
 */

/** Rows for COPY FROM STDIN, in its text format: a line per row, cells separated by tabs. */
export class CopyRows {
	readonly chunks: string[] = [];
	rows = 0;
	/** About how much text the rows take (in UTF-16 code units). */
	size = 0;

	/**
	 * Adds `params` as rows of `columns` cells each. False, adding nothing, when a value has no
	 * plain text form (a Buffer, a Date, an object): the caller INSERTs those rows instead.
	 */
	add(params: readonly unknown[], columns: number): boolean {
		// Cells joined into lines, and lines into one text: several times quicker than adding to one string cell by cell.
		const line: string[] = new Array(columns);
		const lines: string[] = [];
		for (let i = 0, column = 0; i < params.length; i++) {
			const v = params[i];
			if (v === null || v === undefined) line[column] = '\\N';
			// What pg sends as the parameter's text: String() too.
			else if (typeof v === 'number' || typeof v === 'bigint' || typeof v === 'boolean') line[column] = String(v);
			else if (typeof v === 'string') line[column] = SPECIAL.test(v) ? v.replace(SPECIALS, (ch) => ESCAPES[ch]) : v;
			else return false;
			if (++column === columns) {
				lines.push(line.join('\t'));
				column = 0;
			}
		}
		lines.push('');
		const text = lines.join('\n');
		this.chunks.push(text);
		this.rows += params.length / columns;
		this.size += text.length;
		return true;
	}
}

/** What COPY's text format escapes in a value: the backslash, and the tab and line breaks that separate cells and rows. */
const SPECIAL = /[\\\t\n\r]/;
const SPECIALS = /[\\\t\n\r]/g;
const ESCAPES: Record<string, string> = { '\\': '\\\\', '\t': '\\t', '\n': '\\n', '\r': '\\r' };

/** The parts of pg's Connection a query object talks to (what pg-copy-streams uses too). */
interface PgConnection {
	query(text: string): void;
	sendCopyFromChunk(chunk: Buffer): void;
	endCopyFrom(): void;
	sendCopyFail(message: string): void;
}

/**
 * Runs `statement` (COPY ... FROM STDIN) on `client` with `data` as its input, as pg's query would
 * run a statement: through pg's queue of queries (a "submittable": an object pg hands the
 * connection to), answering as a query does. A failed COPY (a constraint, a bad value) rejects
 * with PostgreSQL's error, as a failed INSERT does.
 */
export function copyIn(client: PostgresPoolClient, statement: string, data: CopyRows): Promise<{ command: 'COPY'; rowCount: number; rows: never[] }> {
	return new Promise((resolve, reject) => {
		let rowCount = 0;
		const submittable = {
			submit(connection: PgConnection) {
				connection.query(statement);
			},
			handleCopyInResponse(connection: PgConnection) {
				for (const chunk of data.chunks) connection.sendCopyFromChunk(Buffer.from(chunk, 'utf8'));
				connection.endCopyFrom();
			},
			handleCommandComplete(message: { text: string }) {
				rowCount = Number(/^COPY (\d+)/.exec(message.text)?.[1] ?? 0);
			},
			// pg hands the ReadyForQuery that follows an error to no query: settle now.
			handleError: reject,
			handleReadyForQuery() {
				resolve({ command: 'COPY', rowCount, rows: [] });
			},
			// COPY FROM answers with none of these.
			handleRowDescription() {},
			handleDataRow() {},
			handleEmptyQuery() {},
			handlePortalSuspended() {},
			handleCopyData() {}
		};
		client.query(submittable as never);
	});
}
