import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type SQLite from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openSqlite, writeMarker } from '../../src/lib/server/db/connection';

// The page cache trusts this mark to move on every write, whoever makes it, so it is tested
// against real SQLite files with two connections: the app's and another process's.
describe('writeMarker', () => {
	let dir: string;
	let app: SQLite.Database;
	let other: SQLite.Database;
	let mark: () => string;

	beforeEach(() => {
		dir = mkdtempSync(join(tmpdir(), 'triage-marker-'));
		app = openSqlite(join(dir, 'triage.sqlite'));
		app.exec('CREATE TABLE notes (id INTEGER PRIMARY KEY, body TEXT)');
		other = openSqlite(join(dir, 'triage.sqlite'));
		mark = writeMarker(app);
	});

	afterEach(() => {
		app.close();
		other.close();
		rmSync(dir, { recursive: true, force: true });
	});

	const none = () => {};
	it.each([
		['an insert by the app', none, () => app.prepare("INSERT INTO notes (body) VALUES ('a')").run()],
		['an insert by another connection', none, () => other.prepare("INSERT INTO notes (body) VALUES ('b')").run()],
		['an update by the app', () => other.exec("INSERT INTO notes (body) VALUES ('c')"), () => app.prepare("UPDATE notes SET body = 'd'").run()],
		['a delete by the app', () => app.exec("INSERT INTO notes (body) VALUES ('e')"), () => app.prepare('DELETE FROM notes WHERE id > 0').run()],
		['a transaction committed by another connection', none, () => other.transaction(() => other.prepare("INSERT INTO notes (body) VALUES ('f')").run())()]
	])('changes after %s', (_, setup, write) => {
		setup();
		const before = mark();
		write();
		expect(mark()).not.toBe(before);
	});

	it('stays the same while the database is only read', () => {
		app.exec("INSERT INTO notes (body) VALUES ('g')");
		const before = mark();
		app.prepare('SELECT * FROM notes').all();
		other.prepare('SELECT * FROM notes').all();
		expect(mark()).toBe(before);
	});

	it('changes again on every further write', () => {
		const marks = new Set([mark()]);
		for (let i = 0; i < 3; i++) {
			other.exec(`INSERT INTO notes (body) VALUES ('${i}')`);
			marks.add(mark());
			app.exec(`INSERT INTO notes (body) VALUES ('${i}')`);
			marks.add(mark());
		}
		expect(marks.size).toBe(7);
	});
});
