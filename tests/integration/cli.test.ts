import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { createDb } from '../../src/lib/server/db/connection';
import { triage } from '../helpers/cli';

const dirs: string[] = [];
function tempDir(): string {
	const dir = mkdtempSync(join(tmpdir(), 'triage-cli-'));
	dirs.push(dir);
	return dir;
}
afterEach(() => dirs.splice(0).forEach((d) => rmSync(d, { recursive: true, force: true })));

describe('npm run triage', () => {
	it('migrate creates the database where DATABASE_URL says, as a path or a file: URL', () => {
		const dir = tempDir();
		const plain = join(dir, 'plain.sqlite');
		const first = triage(['migrate'], { databaseUrl: plain });
		expect(first.stderr).toBe('');
		expect(first.status).toBe(0);
		expect(first.stdout).toMatch(/Applied 0001_foundation/);
		expect(triage(['migrate'], { databaseUrl: plain }).stdout).toContain('The database is up to date.');

		const viaUrl = join(dir, 'url.sqlite');
		expect(triage(['migrate'], { databaseUrl: pathToFileURL(viaUrl).href }).status).toBe(0);
		expect(existsSync(viaUrl)).toBe(true);
	});

	it('--help after any command shows its usage and runs nothing; migrate refuses options it does not take', () => {
		const dir = tempDir();
		const file = join(dir, 'never.sqlite');
		for (const command of ['migrate', 'categorise', 'import', 'backup']) {
			const help = triage([command, '--help'], { databaseUrl: file });
			expect(help.status, command).toBe(0);
			expect(help.stdout, command).toContain('Usage: npm run triage -- ' + command);
		}
		expect(existsSync(file)).toBe(false);
		const extra = triage(['migrate', '--force'], { databaseUrl: file });
		expect(extra.status).toBe(1);
		expect(extra.stderr).toContain('migrate takes no options.');
		expect(existsSync(file)).toBe(false);
	});

	it('user add reads the password from standard input and the account can sign in', async () => {
		const dir = tempDir();
		const databaseUrl = join(dir, 'db.sqlite');
		const result = triage(['user', 'add', '--email', 'First.Admin@Example.org', '--role', 'admin', '--name', 'First Admin'], {
			databaseUrl,
			input: 'a very long passphrase\n'
		});
		expect(result.stderr).toBe('');
		expect(result.status).toBe(0);
		expect(result.stdout).toContain('Added admin first.admin@example.org');

		const db = createDb(databaseUrl);
		const { attemptLogin } = await import('../../src/lib/server/auth/login');
		expect(await attemptLogin(db, 'first.admin@example.org', 'a very long passphrase', '127.0.0.9')).toMatchObject({ ok: true });
		await db.destroy();
	});

	it.each([
		[['user', 'add', '--email', 'x@example.org', '--role', 'wizard'], 'Select a role'],
		[['user', 'add', '--role', 'admin'], 'Enter an email address'],
		[['user', 'add', '--email', 'h@example.org', '--role', 'headteacher'], 'Enter the URN of at least one school for a headteacher'],
		[['user', 'add', '--email', 'h@example.org', '--role', 'headteacher', '--school', '123456'], 'No school with URN 123456 is in the register'],
		[['user', 'add', '--email', 'a@example.org', '--role', 'admin', '--bogus'], "Unknown option '--bogus'"],
		[['frobnicate'], 'Unknown command "frobnicate"'],
		[['backup'], 'Say where to write the backup']
	])('%j fails with a plain message and a non-zero exit', (args, message) => {
		const result = triage(args, { databaseUrl: join(tempDir(), 'db.sqlite'), input: 'a very long passphrase\n' });
		expect(result.status).not.toBe(0);
		expect(result.stderr).toContain(message);
	});

	it('refuses a short password', () => {
		const result = triage(['user', 'add', '--email', 'a@example.org', '--role', 'admin'], { databaseUrl: join(tempDir(), 'db.sqlite'), input: 'short\n' });
		expect(result.status).toBe(1);
		expect(result.stderr).toContain('Password must be at least 12 characters');
	});

	it('backup copies the database with the online backup API', async () => {
		const dir = tempDir();
		const databaseUrl = join(dir, 'db.sqlite');
		triage(['user', 'add', '--email', 'a@example.org', '--role', 'admin'], { databaseUrl, input: 'a very long passphrase\n' });
		const target = join(dir, 'copy.sqlite');
		const result = triage(['backup', target], { databaseUrl });
		expect(result.status).toBe(0);
		const copy = createDb(target);
		const users = await copy.selectFrom('users').select('email').execute();
		expect(users).toEqual([{ email: 'a@example.org' }]);
		await copy.destroy();
		expect(triage(['backup', target], { databaseUrl }).stderr).toContain('already exists');
	});

	it('import of a folder, or a backup into a folder that does not exist, fails with a plain message and writes nothing', () => {
		const dir = tempDir();
		const databaseUrl = join(dir, 'db.sqlite');
		const folder = join(dir, 'downloads');
		mkdirSync(folder);
		const imported = triage(['import', folder], { databaseUrl });
		expect(imported.status).toBe(1);
		expect(imported.stderr).toContain(`${folder} is a folder, not a file. Give the path of one file in it`);
		expect(imported.stderr).not.toContain('Something went wrong');
		expect(existsSync(databaseUrl)).toBe(false);

		expect(triage(['migrate'], { databaseUrl }).status).toBe(0);
		const missing = join(dir, 'nodir');
		const backedUp = triage(['backup', join(missing, 'x.sqlite')], { databaseUrl });
		expect(backedUp.status).toBe(1);
		expect(backedUp.stderr).toContain(`There is no folder ${missing} to write the backup in. Create the folder first`);
		expect(backedUp.stderr).not.toContain('Something went wrong');
		expect(existsSync(missing)).toBe(false);
	});
});
