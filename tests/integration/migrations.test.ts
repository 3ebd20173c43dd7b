import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { migrations } from '../../db/migrations';
import { MIGRATIONS_FOLDER } from '../../src/lib/server/db/migrate';
import { freshDb } from '../helpers/db';

/** Every migration file, by name without `.ts`: each .ts file in the folder except the list itself. */
const files = readdirSync(MIGRATIONS_FOLDER)
	.filter((f) => f.endsWith('.ts') && f !== 'index.ts')
	.map((f) => f.replace(/\.ts$/, ''))
	.sort();

/** The module specifiers a file imports from, statically or dynamically. */
function importsOf(source: string): string[] {
	const found = source.matchAll(/(?:\bfrom\s*|\bimport\s*\(?\s*)['"]([^'"]+)['"]/g);
	return [...found].map((m) => m[1]);
}

describe('db/migrations', () => {
	it('index.ts lists every migration file under its own name, and nothing else', async () => {
		expect(files.length).toBeGreaterThan(0);
		// A file missing here would never run: the CLI bundle and the app only know this list.
		expect(Object.keys(migrations).sort()).toEqual(files);
		for (const name of files) {
			const mod = await import(/* @vite-ignore */ pathToFileURL(join(MIGRATIONS_FOLDER, `${name}.ts`)).href);
			expect(migrations[name].up, `${name} in index.ts is not ${name}.ts`).toBe(mod.up);
		}
	});

	it('migration files are named NNNN_words.ts, so name order is the order they run in', () => {
		for (const name of files) expect(name).toMatch(/^\d{4}_[a-z0-9_]+$/);
	});

	it('migrations never import app code, so later refactors cannot change history', () => {
		for (const name of files) {
			const imports = importsOf(readFileSync(join(MIGRATIONS_FOLDER, `${name}.ts`), 'utf8'));
			const appCode = imports.filter((s) => s.startsWith('.') || s.startsWith('/') || s.startsWith('$'));
			expect(appCode, `${name}.ts imports ${appCode.join(', ')}`).toEqual([]);
		}
		const fromIndex = importsOf(readFileSync(join(MIGRATIONS_FOLDER, 'index.ts'), 'utf8'));
		const notMigrations = fromIndex.filter((s) => s !== 'kysely' && !files.some((f) => s === `./${f}`));
		expect(notMigrations).toEqual([]);
	});

	it('a new database gets every migration, in name order', async () => {
		const db = await freshDb();
		// rowid is the order kysely recorded them in.
		const applied = await sql<{ name: string }>`select name from kysely_migration order by rowid`.execute(db);
		expect(applied.rows.map((r) => r.name)).toEqual(files);
	});
});
