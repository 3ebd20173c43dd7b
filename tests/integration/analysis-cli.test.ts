import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { createDb } from '../../src/lib/server/db/connection';
import { databaseUrlOf, freshDb } from '../helpers/db';
import { triage } from '../helpers/cli';
import { smallLa, URNS } from './analysis-fixtures';

/** A database with the small LA in it, for the CLI to open in a process of its own. */
async function laDatabase(schoolName?: string): Promise<string> {
	const db = await freshDb();
	await smallLa(db);
	if (schoolName) await db.updateTable('schools').set({ name: schoolName }).where('urn', '=', URNS.secure).execute();
	return databaseUrlOf(db);
}

describe('npm run triage -- categorise', () => {
	it('writes every school’s category, confidence, rules and reasons as CSV, and stores the run', async () => {
		const path = await laDatabase();
		const out = triage(['categorise'], { databaseUrl: path });
		expect(out.stderr).toBe('');
		expect(out.status).toBe(0);
		const lines = out.stdout.trimEnd().split('\r\n');
		expect(lines[0]).toBe('URN,School,Category,Confidence,Needs confirmation,Rules,Reasons');
		expect(lines).toHaveLength(7);
		expect(lines[1]).toMatch(
			/^100001,Ashdown Primary School,Intensive support,high,no,I2 F2 F5 L1,"?RWM expected 43%, 22 points below England \(65%\) in 2018\/19/
		);
		expect(lines.find((l) => l.startsWith(String(URNS.infant)))).toMatch(/^100006,Fern Infant School,Secure,low,yes,,/);
		const db = createDb(path);
		const runs = await db.selectFrom('analysis_runs').select(['year', 'policy_id', 'policy_version', 'run_by']).execute();
		await db.destroy();
		expect(runs).toEqual([{ year: 2019, policy_id: 'afo-default-1', policy_version: 1, run_by: null }]);
	});

	it('warns on standard error, in plain words, when the year analysed has no England figures, and still stores the run', async () => {
		const db = await freshDb();
		await smallLa(db);
		await db.deleteFrom('ks2_comparators').where('year', '=', 2019).where('kind', '!=', 'la').execute();
		const out = triage(['categorise'], { databaseUrl: databaseUrlOf(db) });
		expect(out.status).toBe(0);
		expect(out.stderr.trim()).toBe(
			"Warning: there are no England figures for 2018/19, so no school's 2018/19 results were compared with England's, and schools with no other year to go on were not judged on their KS2 results (most are then Secure). Import the local authority performance data set from Explore Education Statistics (\"Key stage 2 institutional level - Local authority (performance)\"), whose National rows are England's figures, or a KS2 performance table with England rows, for 2018/19, then run categorise again."
		);
		expect(out.stdout.trimEnd().split('\r\n')).toHaveLength(7);
		expect(await db.selectFrom('analysis_runs').select('year').execute()).toEqual([{ year: 2019 }]);
	});

	it('stops quietly when the reader closes the pipe early (`categorise | head`)', async () => {
		const path = await laDatabase();
		// `true` exits without reading, so every write meets a closed pipe (EPIPE).
		const out = spawnSync('bash', ['-c', `set -o pipefail; node scripts/triage.mjs categorise --format json | true`], {
			encoding: 'utf8',
			env: { ...process.env, DATABASE_URL: path },
			timeout: 120_000
		});
		expect(out.stderr).toBe('');
		expect(out.status).toBe(0);
	});

	it('writes JSON for a year given as 2018-19, and refuses a year with no results', async () => {
		const path = await laDatabase();
		const out = triage(['categorise', '--year', '2018-19', '--format', 'json'], { databaseUrl: path });
		expect(out.status).toBe(0);
		const parsed = JSON.parse(out.stdout);
		expect(parsed).toMatchObject({ year: 2019, policy: { id: 'afo-default-1', version: 1 } });
		expect(parsed.schools.find((s: { urn: number }) => s.urn === URNS.focus)).toMatchObject({
			name: 'Elm Primary School',
			category: 'focus',
			categoryLabel: 'Focus support',
			confidence: 'high',
			needsConfirmation: false,
			rules: ['F2']
		});
		const none = triage(['categorise', '--year', '2021'], { databaseUrl: path });
		expect(none.status).toBe(1);
		expect(none.stdout).toBe('');
		expect(none.stderr.trim()).toBe('There are no KS2 results for 2020/21. Years with results: 2018/19, 2017/18, 2016/17.');
	});

	it('neutralises a school name that a spreadsheet would run as a formula', async () => {
		const path = await laDatabase('=HYPERLINK("http://evil.example","Birchwood")');
		const out = triage(['categorise'], { databaseUrl: path });
		expect(out.status).toBe(0);
		expect(out.stdout).toContain(`\r\n${URNS.secure},"'=HYPERLINK(""http://evil.example"",""Birchwood"")",Secure,`);
	});

	it('fails with plain words on a bad option or an empty database', async () => {
		const databaseUrl = databaseUrlOf(await freshDb());
		const empty = triage(['categorise'], { databaseUrl });
		expect(empty.status).toBe(1);
		expect(empty.stderr.trim()).toBe('There are no KS2 results yet. Import a KS2 file first.');
		const format = triage(['categorise', '--format', 'xlsx'], { databaseUrl });
		expect(format.status).toBe(1);
		expect(format.stderr).toMatch(/^--format must be csv or json, not "xlsx"/);
		const year = triage(['categorise', '--year', 'last'], { databaseUrl });
		expect(year.stderr).toMatch(/^--year must be an academic year like 2018-19, not "last"/);
	});
});

describe('npm run triage -- categorise --la', () => {
	/** The small LA split in two: the first three schools in LA 850, the rest in 936. */
	async function twoLas(): Promise<string> {
		const db = await freshDb();
		await smallLa(db);
		await db.updateTable('schools').set({ la_code: '936' }).execute();
		await db.updateTable('schools').set({ la_code: '850' }).where('urn', 'in', [URNS.intensive, URNS.secure, URNS.securePlus]).execute();
		return databaseUrlOf(db);
	}

	it('runs for the LA asked for only, on its policy, and says which in JSON', async () => {
		const path = await twoLas();
		const out = triage(['categorise', '--la', '850', '--format', 'json'], { databaseUrl: path });
		expect(out.stderr).toBe('');
		expect(out.status).toBe(0);
		const json = JSON.parse(out.stdout) as { runs: { la: string | null; schools: number }[]; schools: { urn: number }[] };
		expect(json.runs).toEqual([expect.objectContaining({ la: '850', schools: 3 })]);
		expect(json.schools.map((s) => s.urn)).toEqual([URNS.intensive, URNS.secure, URNS.securePlus]);
	});

	it('without --la runs for every LA the installation serves, and refuses an LA it does not serve', async () => {
		const path = await twoLas();
		const db = createDb(path);
		await db
			.insertInto('settings')
			.values({ key: 'import.la_scope', value_json: JSON.stringify({ laCodes: ['936'] }) })
			.execute();
		await db.destroy();
		const all = triage(['categorise', '--format', 'json'], { databaseUrl: path });
		expect(all.status).toBe(0);
		expect((JSON.parse(all.stdout) as { runs: { la: string }[] }).runs.map((r) => r.la)).toEqual(['936']);
		const refused = triage(['categorise', '--la', '850'], { databaseUrl: path });
		expect(refused.status).toBe(1);
		expect(refused.stderr).toContain('This installation does not serve LA 850. It serves LA 936.');
		const malformed = triage(['categorise', '--la', '85'], { databaseUrl: path });
		expect(malformed.status).toBe(1);
		expect(malformed.stderr).toContain('--la must be an LA code of three digits, such as 850, not "85"');
	});
});
