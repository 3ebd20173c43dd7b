import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { freshDb } from '../helpers/db';
import type { Db } from '../../src/lib/server/db';
import { rollbackImport } from '../../src/lib/server/import/rollback';
import { importHistory } from '../../src/lib/server/import/history';
import { getServedLas, LA_SCOPE_KEY, setServedLas } from '../../src/lib/server/import/settings';
import { loadKs2ForAnalysis } from '../../src/lib/server/import/ks2-repository';
import { createUser } from '../../src/lib/server/users';
import { keptNoSchool, reportText } from '../../src/lib/domain/import/report-text';
import { giasFile, giasSchool, importFile, ks2File, school, snapshot, tempDir, writeFile } from './import-fixtures';

async function imported(db: Db, path: string, extra = {}): Promise<number> {
	const outcome = await importFile(db, path, extra);
	if (outcome.status !== 'imported') throw new Error(JSON.stringify(outcome.report.problems));
	return outcome.importId;
}

describe('importing the same file again', () => {
	it('changes nothing and says so; after a rollback the file can be imported again', async () => {
		const db = await freshDb();
		const dir = tempDir();
		const path = await ks2File(dir);
		const id = await imported(db, path);
		const before = await snapshot(db);
		const again = await importFile(db, path);
		expect(again).toMatchObject({ status: 'unchanged', importId: id });
		expect(await snapshot(db)).toEqual(before);
		expect((await rollbackImport(db, id, null, 'Imported twice by mistake')).ok).toBe(true);
		expect((await importHistory(db)).find((r) => r.id === id)).toMatchObject({ rollbackReason: 'Imported twice by mistake' });
		const log = await db.selectFrom('audit_log').select('after_json').where('action', '=', 'import.rollback').executeTakeFirstOrThrow();
		expect(JSON.parse(log.after_json!)).toEqual({ reason: 'Imported twice by mistake' });
		expect((await importFile(db, path)).status).toBe('imported');
	});
});

describe('importing the same file after the served LAs change', () => {
	it('imports it again for the schools kept now, and is unchanged while the LAs are as they were', async () => {
		const db = await freshDb();
		const dir = tempDir();
		const path = await ks2File(dir, { schools: [school(100001), school(100002), school(100011, '936')] });
		await setServedLas(db, ['850'], null);
		const first = await imported(db, path);
		const urns = async () => (await db.selectFrom('ks2_results').select('urn').orderBy('urn').execute()).map((r) => r.urn);
		expect(await urns()).toEqual([100001, 100002]);
		expect(await importFile(db, path)).toMatchObject({ status: 'unchanged', importId: first });

		// Surrey joins: the same file now brings its school too, and replaces the first import's rows.
		await setServedLas(db, ['850', '936'], null);
		const second = await imported(db, path);
		expect(await urns()).toEqual([100001, 100002, 100011]);
		expect((await importHistory(db)).find((h) => h.id === first)).toMatchObject({ replacedBy: second, blockedBy: second });
		expect(await importFile(db, path)).toMatchObject({ status: 'unchanged', importId: second });
	});
});

describe('the same file again with another version given', () => {
	it('is refused in plain words, not called unchanged', async () => {
		const db = await freshDb();
		const dir = tempDir();
		const path = await ks2File(dir, { name: '2018-2019_850_ks2final.csv' });
		const id = await imported(db, path);
		const before = await snapshot(db);
		const outcome = await importFile(db, path, { version: 'revised' });
		expect(outcome.status).toBe('rejected');
		expect(outcome.report.problems.map((p) => p.message)).toEqual([
			`You said this file holds revised results, but it was imported as final (import ${id}). Check the version and the file.`
		]);
		expect(await snapshot(db)).toEqual(before);
		expect(await importFile(db, path, { version: 'final' })).toMatchObject({ status: 'unchanged', importId: id });
	});
});

describe('versions and rollback', () => {
	it('a later version replaces the earlier one; rolling it back restores exactly what was there', async () => {
		const db = await freshDb();
		const dir = tempDir();
		const provisional = await imported(db, await ks2File(dir, { name: '2018-2019_850_ks2provisional.csv', seed: 1 }));
		const afterProvisional = await snapshot(db);
		const oldRows = (await loadKs2ForAnalysis(db)).results;
		// The final file drops one school and changes the figures.
		const final = await imported(
			db,
			await ks2File(dir, { name: '2018-2019_850_ks2final.csv', seed: 2, schools: [school(100001), school(100002), school(100004, '936')] })
		);
		const history = await importHistory(db);
		expect(history.find((h) => h.id === provisional)).toMatchObject({ version: 'provisional', replacedBy: final, blockedBy: final });
		expect(history.find((h) => h.id === final)).toMatchObject({ version: 'final', year: 2019, laCodes: ['850', '936'], replacedBy: null });
		const newRows = (await loadKs2ForAnalysis(db)).results;
		expect(newRows.map((r) => r.urn)).toEqual([100001, 100002, 100004]);
		expect(newRows).not.toEqual(oldRows);

		expect(await rollbackImport(db, provisional, null)).toEqual({ ok: false, message: expect.stringContaining(`Roll it back first`) });
		expect((await rollbackImport(db, final, null)).ok).toBe(true);
		const now = await snapshot(db);
		for (const table of ['ks2_results', 'ks2_comparators', 'ks2_results_replaced', 'ks2_comparators_replaced', 'schools']) {
			expect(now[table]).toEqual(afterProvisional[table]);
		}
		expect((await loadKs2ForAnalysis(db)).results).toEqual(oldRows);
		const log = await db.selectFrom('audit_log').select('action').orderBy('id').execute();
		expect(log.map((l) => l.action)).toEqual(['import.create', 'import.create', 'import.rollback']);
	});

	it('refuses an earlier version over a later one for the same LA', async () => {
		const db = await freshDb();
		const dir = tempDir();
		await imported(db, await ks2File(dir, { name: '2018-2019_850_ks2final.csv', seed: 1 }));
		const before = await snapshot(db);
		const outcome = await importFile(db, await ks2File(dir, { name: '2018-2019_850_ks2revised.csv', seed: 3 }));
		expect(outcome.status).toBe('rejected');
		expect(outcome.report.problems[0].message).toMatch(/already has final results .* revised results are older/);
		expect(await snapshot(db)).toEqual(before);
	});

	it('refuses an earlier version of another LA’s file too: it would bring older England figures', async () => {
		const db = await freshDb();
		const dir = tempDir();
		const final = await imported(db, await ks2File(dir, { name: '2018-2019_850_ks2final.csv', seed: 1, schools: [school(100001), school(100002)] }));
		const before = await snapshot(db);
		const outcome = await importFile(
			db,
			await ks2File(dir, { name: '2018-2019_936_ks2provisional.csv', seed: 3, schools: [school(100011, '936'), school(100012, '936')] })
		);
		expect(outcome.status).toBe('rejected');
		expect(outcome.report.problems[0].message).toMatch(
			new RegExp(
				`^2018/19 already has final England and LA figures \\(import ${final}, .*, for other LAs' schools\\)\\. These provisional results would replace them with older ones\\.`
			)
		);
		expect(await snapshot(db)).toEqual(before);
	});

	it('an admin held up by another LA’s later import is told who can roll it back', async () => {
		const db = await freshDb();
		const dir = tempDir();
		// Surrey's file, then Hampshire's for the same year: Hampshire's replaced the year's England figures.
		const surrey = await imported(db, await ks2File(dir, { name: '2018-2019_936_ks2final.csv', seed: 1, schools: [school(100011, '936')] }));
		const hampshire = await imported(db, await ks2File(dir, { name: '2018-2019_850_ks2final.csv', seed: 2, schools: [school(100001)] }));
		const surreyOnly = (laCodes: readonly string[] | null) => laCodes !== null && laCodes.every((la) => la === '936');
		expect(await rollbackImport(db, surrey, null, null, surreyOnly)).toEqual({
			ok: false,
			message: `Import ${hampshire}, of other LAs' schools, came later and changed the same data. An admin who serves every LA it holds must roll it back first, then import ${surrey}.`
		});
		expect(await rollbackImport(db, surrey, null)).toEqual({
			ok: false,
			message: `Import ${hampshire} came later and changed the same data. Roll it back first, then import ${surrey}.`
		});
	});

	it('rolls back a register update and removes schools the import added', async () => {
		const db = await freshDb();
		const dir = tempDir();
		await imported(db, giasFile(dir, [giasSchool(100001), giasSchool(100002)], 'a.csv'));
		const before = await snapshot(db);
		const second = await importFile(
			db,
			giasFile(dir, [giasSchool(100001, '850', { name: 'Renamed School', ofstedRating: 'Outstanding' }), giasSchool(100002), giasSchool(100003)], 'b.csv')
		);
		expect(second).toMatchObject({ status: 'imported', report: { schoolsAdded: 1, schoolsUpdated: 1, schoolsUnchanged: 1 } });
		expect((await db.selectFrom('schools').select('name').where('urn', '=', 100001).executeTakeFirstOrThrow()).name).toBe('Renamed School');
		expect((await rollbackImport(db, (second as { importId: number }).importId, null)).ok).toBe(true);
		const after = await snapshot(db);
		expect(after.schools).toEqual(before.schools);
		// Only the first import's record (the schools it added) is left, for rolling that one back.
		expect(after.schools_replaced).toEqual(before.schools_replaced);
	});

	it('will not remove a school that a user is now linked to', async () => {
		const db = await freshDb();
		const dir = tempDir();
		const id = await imported(db, giasFile(dir, [giasSchool(100001)]));
		await createUser(db, { email: 'head@example.org', name: 'Head', role: 'headteacher', schoolUrns: [100001], password: 'a long enough password' }, null);
		const result = await rollbackImport(db, id, null);
		expect(result).toEqual({
			ok: false,
			message:
				'Some schools this import added are now used elsewhere (1 in user schools). Rolling it back would remove those schools, so it cannot be done while they are. To correct the register, import a newer GIAS file instead.'
		});
		expect(await db.selectFrom('schools').select('urn').execute()).toEqual([{ urn: 100001 }]);
	});

	it('keeps Ofsted ratings when a file from April 2025 on has no Ofsted columns', async () => {
		const db = await freshDb();
		const dir = tempDir();
		await imported(db, giasFile(dir, [giasSchool(100001)]));
		const noOfsted = writeFile(
			dir,
			'edubasealldata20250422.csv',
			'"URN","LA (code)","LA (name)","EstablishmentName","HeadTitle (name)","HeadFirstName","HeadLastName"\r\n100001,"850","Hampshire","School 100001","Mr","New","Head"\r\n'
		);
		const outcome = await importFile(db, noOfsted);
		expect(outcome.report.warnings).toEqual([expect.stringContaining('no Ofsted columns')]);
		const row = await db.selectFrom('schools').select(['head_name', 'ofsted_rating', 'ofsted_date']).where('urn', '=', 100001).executeTakeFirstOrThrow();
		expect(row).toEqual({ head_name: 'Mr New Head', ofsted_rating: 'Good', ofsted_date: '2019-01-23' });
	});
});

describe('the LA setting', () => {
	it('limits the register and the KS2 results to the LA, and the report says what was left out', async () => {
		const db = await freshDb();
		const dir = tempDir();
		await setServedLas(db, ['850'], null);
		const gias = await importFile(db, giasFile(dir, [giasSchool(100001), giasSchool(100004, '936')]));
		expect(gias.report).toMatchObject({ schoolsAdded: 1, rowsOutsideLa: 1 });
		const ks2 = await importFile(db, await ks2File(dir));
		expect(ks2.report).toMatchObject({ resultsStored: 3, rowsOutsideLa: 1, schoolsNotInRegister: 2 });
		expect((await loadKs2ForAnalysis(db)).results.map((r) => r.urn)).toEqual([100001, 100002, 100003]);
		expect((await loadKs2ForAnalysis(db, { urns: [100001] })).results).toHaveLength(1);
	});

	it("a file with only another LA's schools keeps none, says so, and replaces nothing of the LA's", async () => {
		const db = await freshDb();
		const dir = tempDir();
		await setServedLas(db, ['850'], null);
		const ours = await imported(db, await ks2File(dir));
		const theirs = await importFile(db, await ks2File(dir, { name: '2018-2019_936_ks2final.csv', schools: [school(200001, '936'), school(200002, '936')] }));
		expect(theirs.status).toBe('imported');
		expect(keptNoSchool(theirs.report)).toBe(true);
		expect(reportText(theirs.report)).toContain("No school's rows were kept: all 2 were for schools outside the LA the register keeps.");
		const history = await importHistory(db);
		expect(history.find((r) => r.id === ours)).toMatchObject({ replacedBy: null, laCodes: ['850'] });
		// Both bring the England comparators for 2018/19, so the later is still rolled back first.
		expect(history.find((r) => r.id === ours)?.blockedBy).toBe(theirs.status === 'imported' ? theirs.importId : -1);
		expect((await loadKs2ForAnalysis(db)).results.map((r) => r.urn)).toEqual([100001, 100002, 100003]);
	});

	it('keeps the schools of every LA the installation serves from one England-wide file', async () => {
		const db = await freshDb();
		const dir = tempDir();
		await setServedLas(db, ['936', '850', '936'], null);
		expect(await getServedLas(db)).toEqual(['850', '936']);
		const gias = await importFile(db, giasFile(dir, [giasSchool(100001), giasSchool(100004, '936'), giasSchool(100005, '937')]));
		expect(gias.report).toMatchObject({ schoolsAdded: 2, rowsOutsideLa: 1 });
		expect(gias.report.warnings).toContain('1 schools are outside LAs 850 and 936 and were left out (the LA setting limits the register to those LAs).');
		const ks2 = await importFile(db, await ks2File(dir, { schools: [school(100001), school(100004, '936'), school(100005, '937')] }));
		expect(ks2.report).toMatchObject({ resultsStored: 2, rowsOutsideLa: 1 });
		expect((await loadKs2ForAnalysis(db)).results.map((r) => r.urn)).toEqual([100001, 100004]);
		// None: every LA again.
		await setServedLas(db, [], null);
		expect(await getServedLas(db)).toEqual([]);
		const log = await db.selectFrom('audit_log').select(['before_json', 'after_json']).where('action', '=', 'setting.update').orderBy('id').execute();
		expect(log.map((l) => [JSON.parse(l.before_json!), JSON.parse(l.after_json!)])).toEqual([
			[{ laCodes: [] }, { laCodes: ['850', '936'] }],
			[{ laCodes: ['850', '936'] }, { laCodes: [] }]
		]);
	});

	it('reads the setting as a database of one LA stored it', async () => {
		const db = await freshDb();
		for (const [value_json, served] of [
			['{"laCode":"850"}', ['850']],
			['{"laCode":null}', []],
			['{"laCodes":["936","850"]}', ['850', '936']]
		] as const) {
			await db.deleteFrom('settings').where('key', '=', LA_SCOPE_KEY).execute();
			await db.insertInto('settings').values({ key: LA_SCOPE_KEY, value_json }).execute();
			expect(await getServedLas(db)).toEqual(served);
		}
	});

	it('refuses a code that is not three digits', async () => {
		const db = await freshDb();
		expect(await setServedLas(db, ['85'], null)).toEqual({ ok: false, message: expect.stringContaining('three digits') });
	});
});

describe('the CLI', () => {
	it('imports a file, then exits non-zero with the problem on stderr for a bad one', async () => {
		const dir = tempDir();
		const env = { ...process.env, DATABASE_URL: `${dir}/cli.sqlite` };
		const good = spawnSync(process.execPath, ['scripts/triage.mjs', 'import', await ks2File(dir)], { env, encoding: 'utf8' });
		expect(good.stderr).toBe('');
		expect(good.status).toBe(0);
		expect(good.stdout).toMatch(/a KS2 performance table for 2018\/19 \(final\)/);
		const bad = spawnSync(process.execPath, ['scripts/triage.mjs', 'import', writeFile(dir, 'x.csv', 'Name\r\nA\r\n'), '--kind', 'ks2'], {
			env,
			encoding: 'utf8'
		});
		expect(bad.status).toBe(1);
		expect(bad.stderr).toMatch(/Nothing was imported from .*x\.csv: it has problems\.\n {2}- Row 1: /);
		const wrongYear = spawnSync(process.execPath, ['scripts/triage.mjs', 'import', await ks2File(dir, { name: 'y.csv' }), '--year', '2020-21'], {
			env,
			encoding: 'utf8'
		});
		expect(wrongYear.status).toBe(1);
		// The same bytes as the first file: already imported, but not as 2020/21, which is still an error.
		expect(wrongYear.stderr).toMatch(/You said this file is for 2020\/21, but it (is for|was imported as) 2018\/19/);
	});
});
