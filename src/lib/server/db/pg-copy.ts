// Changes here are on the import's hot path: check them with `npm run bench:import -- --only postgres`.
import type { PostgresPoolClient } from 'kysely';

/*
 * PostgreSQL's COPY ... FROM STDIN, for the import's bulk inserts (bulk.ts). It loads rows several
 * times faster than multi-row INSERTs: no statement of thousands of parameters to parse and plan
 * for each batch, and no parameters to bind. The rows travel in COPY's text format.
 *
 * kysely has no way to send COPY's data, so a COPY statement goes through kysely like any other,
 * with its input as its one parameter (a CopyStream), and the pool's connections (countingPool,
 * data-version.ts) hand such a statement to `copyIn` instead of pg's query. That keeps it inside the
 * transaction kysely opened, counted like any other write. The statement is sent before its rows
 * are all made, and they follow a piece at a time as the import makes them (see postgresWriter,
 * bulk.ts), so the server's work on each piece overlaps node's on the next.
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
	/** The socket to the server. */
	stream: NodeJS.WritableStream & { writableNeedDrain?: boolean };
}

/**
 * The input of one COPY FROM STDIN, sent while the rest of it is still being made: the server
 * stores each piece while node makes the next. Pieces written before the server is ready for them
 * wait here. Once the COPY has failed, what is written after is dropped (the server would drop it too).
 */
export class CopyStream {
	private connection: PgConnection | null = null;
	private waiting: Buffer[] = [];
	private ended = false;
	/** Set once PostgreSQL refused the COPY: the import fails at its next statement. */
	failed = false;

	/** Sends `rows`; resolves when the connection can take more, so unsent text never piles up in memory. */
	write(rows: CopyRows): Promise<void> | undefined {
		if (this.failed || rows.rows === 0) return;
		const chunk = Buffer.from(rows.chunks.length === 1 ? rows.chunks[0] : rows.chunks.join(''), 'utf8');
		if (this.connection === null) {
			this.waiting.push(chunk);
			return;
		}
		this.connection.sendCopyFromChunk(chunk);
		const socket = this.connection.stream;
		if (!socket.writableNeedDrain) return;
		return new Promise((resolve) => {
			const go = () => {
				socket.off('drain', go);
				socket.off('close', go);
				resolve();
			};
			socket.on('drain', go);
			socket.on('close', go);
		});
	}

	/** The end of the input: the server then answers, and the COPY's promise settles. */
	end(): void {
		this.ended = true;
		this.connection?.endCopyFrom();
	}

	/** The server is ready for the input. */
	start(connection: PgConnection): void {
		this.connection = connection;
		for (const chunk of this.waiting) connection.sendCopyFromChunk(chunk);
		this.waiting = [];
		if (this.ended) connection.endCopyFrom();
	}
}

/**
 * Runs `statement` (COPY ... FROM STDIN) on `client` with `data` as its input, as pg's query would
 * run a statement: through pg's queue of queries (a "submittable": an object pg hands the
 * connection to), answering as a query does once the input has ended. A failed COPY (a
 * constraint, a bad value) rejects with PostgreSQL's error, as a failed INSERT does.
 */
export function copyIn(client: PostgresPoolClient, statement: string, data: CopyStream): Promise<{ command: 'COPY'; rowCount: number; rows: never[] }> {
	return new Promise((resolve, reject) => {
		let rowCount = 0;
		const submittable = {
			submit(connection: PgConnection) {
				connection.query(statement);
			},
			handleCopyInResponse(connection: PgConnection) {
				data.start(connection);
			},
			handleCommandComplete(message: { text: string }) {
				rowCount = Number(/^COPY (\d+)/.exec(message.text)?.[1] ?? 0);
			},
			// pg hands the ReadyForQuery that follows an error to no query: settle now.
			handleError(error: Error) {
				data.failed = true;
				reject(error);
			},
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
