import { mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { migrations } from '../../db/migrations';
import { createDb } from '../../src/lib/server/db/connection';
import { MIGRATIONS_FOLDER, migrateToLatest } from '../../src/lib/server/db/migrate';
import { nowIso } from '../../src/lib/server/clock';
import { freshDb } from '../helpers/db';
import type { Db } from '../../src/lib/server/db';
import { addSchool } from '../helpers/fixtures';

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

/** An adviser's row in the users table as 0001 made it: the app's own code expects today's schema. */
async function userAsItWas(db: Db, email = 'adviser@example.org'): Promise<{ id: number }> {
	const now = nowIso();
	const values = { email, name: 'An Adviser', role: 'adviser' as const, password_hash: 'not a hash', disabled_at: null, created_at: now, updated_at: now };
	return db.insertInto('users').values(values).returning('id').executeTakeFirstOrThrow();
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

	it('0023 lets the regional role in, and every user keeps their id, sessions and LAs', async () => {
		const dir = mkdtempSync(join(tmpdir(), 'triage-migrate-'));
		const db = createDb(join(dir, 'test.sqlite'));
		try {
			await migrateToLatest(db, Object.fromEntries(Object.entries(migrations).filter(([name]) => name < '0023')));
			const adviser = await userAsItWas(db);
			await db.insertInto('sessions').values({ id: 'session-1', user_id: adviser.id, expires_at: 1, created_at: nowIso() }).execute();
			await db.insertInto('user_las').values({ user_id: adviser.id, la_code: '850' }).execute();
			const regional = () => db.updateTable('users').set({ role: 'regional' }).where('id', '=', adviser.id).execute();
			await expect(regional()).rejects.toThrow(/CHECK constraint failed/);

			expect(await migrateToLatest(db)).toContain('0023_regional_role');
			await regional();
			expect(await db.selectFrom('users').select(['id', 'role']).execute()).toEqual([{ id: adviser.id, role: 'regional' }]);
			expect(await db.selectFrom('sessions').select('user_id').execute()).toEqual([{ user_id: adviser.id }]);
			expect(await db.selectFrom('user_las').select(['user_id', 'la_code']).execute()).toEqual([{ user_id: adviser.id, la_code: '850' }]);
			await expect(
				db
					.updateTable('users')
					.set({ role: 'wizard' as never })
					.execute()
			).rejects.toThrow(/CHECK constraint failed/);
			// The next user gets a new id, and deleting a user still takes their sessions with them.
			expect((await userAsItWas(db, 'second@example.org')).id).toBeGreaterThan(adviser.id);
			expect((await sql`PRAGMA foreign_key_check`.execute(db)).rows).toEqual([]);
			expect((await sql<{ foreign_keys: number }>`PRAGMA foreign_keys`.execute(db)).rows).toEqual([{ foreign_keys: 1 }]);
			await db.deleteFrom('users').where('id', '=', adviser.id).execute();
			expect(await db.selectFrom('sessions').select('id').execute()).toEqual([]);
		} finally {
			await db.destroy();
			rmSync(dir, { recursive: true, force: true });
		}
	});

	it('0029 keeps two facts of each stored result in columns: a second year below England, and no KS2 data', async () => {
		const dir = mkdtempSync(join(tmpdir(), 'triage-migrate-'));
		const db = createDb(join(dir, 'test.sqlite'));
		try {
			await migrateToLatest(db, Object.fromEntries(Object.entries(migrations).filter(([name]) => name < '0029')));
			for (const urn of [100001, 100002, 100003, 100004]) await addSchool(db, urn);
			const policy = await db.selectFrom('policy_versions').select(['id', 'policy_id', 'version']).executeTakeFirstOrThrow();
			const run = await db
				.insertInto('analysis_runs')
				.values({
					year: 2025,
					as_of: '2025-09-01',
					policy_version_id: policy.id,
					policy_id: policy.policy_id,
					policy_version: policy.version,
					run_by: null,
					run_at: nowIso(),
					school_count: 4,
					counts_json: '{}'
				} as never)
				.returning('id')
				.executeTakeFirstOrThrow();
			const result = (signals: object) => JSON.stringify({ signals });
			const rows: [number, object][] = [
				[100001, { persistence: { belowYears: [2023, 2024], of: 3 }, noKs2Data: null }],
				[100002, { persistence: { belowYears: [2024], of: 3 }, noKs2Data: null }],
				[100003, { persistence: null, noKs2Data: 'infant_school' }],
				[100004, { persistence: { belowYears: [], of: 0 } }]
			];
			for (const [urn, signals] of rows) {
				await db
					.insertInto('analysis_results')
					.values({
						run_id: run.id,
						urn,
						category: 'secure',
						confidence: 'high',
						needs_confirmation: 0,
						deciding_rule: null,
						result_json: result(signals)
					} as never)
					.execute();
			}
			expect(await migrateToLatest(db)).toContain('0029_result_flags');
			expect(await db.selectFrom('analysis_results').select(['urn', 'below_two_years', 'no_ks2_data']).orderBy('urn').execute()).toEqual([
				{ urn: 100001, below_two_years: 1, no_ks2_data: 0 },
				{ urn: 100002, below_two_years: 0, no_ks2_data: 0 },
				{ urn: 100003, below_two_years: 0, no_ks2_data: 1 },
				{ urn: 100004, below_two_years: 0, no_ks2_data: 0 }
			]);
		} finally {
			await db.destroy();
			rmSync(dir, { recursive: true, force: true });
		}
	});

	it('0030 records the LAs served when each import ran: those served now for earlier imports; a file is live once per year and LAs served', async () => {
		const dir = mkdtempSync(join(tmpdir(), 'triage-migrate-'));
		const db = createDb(join(dir, 'test.sqlite'));
		try {
			await migrateToLatest(db, Object.fromEntries(Object.entries(migrations).filter(([name]) => name < '0030')));
			await db
				.insertInto('settings')
				.values({ key: 'import.la_scope', value_json: JSON.stringify({ laCodes: ['936', '850'] }) })
				.execute();
			const row = (sha256: string) =>
				({
					format: 'ks2',
					file_name: 'a.csv',
					sha256,
					size_bytes: 1,
					year: 2019,
					version: 'final',
					la_codes: '850',
					user_id: null,
					imported_at: nowIso(),
					rows_read: 1,
					schools_added: 0,
					schools_updated: 0,
					records_stored: 1,
					report_json: '{}'
				}) as never;
			await db.insertInto('imports').values(row('a')).execute();
			await db.insertInto('imports').values(row('b')).execute();
			expect(await migrateToLatest(db, Object.fromEntries(Object.entries(migrations).filter(([name]) => name < '0031')))).toEqual(['0030_import_scope']);
			expect(await db.selectFrom('imports').select(['sha256', 'la_scope']).orderBy('id').execute()).toEqual([
				{ sha256: 'a', la_scope: '850,936' },
				{ sha256: 'b', la_scope: '850,936' }
			]);
			// The same file and year again: refused under the same LAs, taken under others.
			await expect(
				db
					.insertInto('imports')
					.values({ ...(row('a') as object), la_scope: '850,936' } as never)
					.execute()
			).rejects.toThrow(/UNIQUE constraint failed/);
			await db
				.insertInto('imports')
				.values({ ...(row('a') as object), la_scope: '850' } as never)
				.execute();
			expect(await db.selectFrom('imports').select('id').where('sha256', '=', 'a').execute()).toHaveLength(2);
		} finally {
			await db.destroy();
			rmSync(dir, { recursive: true, force: true });
		}
	});

	it("0031 keeps who assessed each award held: the visit's assessor once achieved, the audit log's through a renewal, else none", async () => {
		const dir = mkdtempSync(join(tmpdir(), 'triage-migrate-'));
		const db = createDb(join(dir, 'test.sqlite'));
		try {
			await migrateToLatest(db, Object.fromEntries(Object.entries(migrations).filter(([name]) => name < '0031')));
			const first = await userAsItWas(db, 'first@example.org');
			const renewal = await userAsItWas(db, 'renewal@example.org');
			const now = nowIso();
			const mark = async (urn: number, status: string, awardDate: string | null, assessor: number | null) => {
				await addSchool(db, urn);
				const values = {
					urn,
					framework_key: 'basic_skills',
					status,
					status_changed_on: '2026-05-01',
					award_date: awardDate,
					expiry_date: awardDate && '2029-01-14',
					visit_date: null,
					assessor_id: assessor,
					nominee_id: null,
					feedback: null,
					created_at: now,
					updated_at: now
				};
				await db
					.insertInto('quality_marks')
					.values(values as never)
					.execute();
			};
			await mark(100001, 'achieved', '2026-01-15', first.id);
			// Renewing: the award by `first`, and a new visit booked with `renewal`.
			await mark(100002, 'assessment_visit_booked', '2026-01-15', renewal.id);
			await mark(100003, 'self_audit_in_progress', '2026-01-15', renewal.id);
			await mark(100004, 'registered', null, renewal.id);
			const awarded = (urn: number, assessorId: number, awardDate: string) => ({
				at: now,
				user_id: assessorId,
				action: 'quality_mark.status',
				entity: 'quality_mark',
				entity_id: `${urn}/basic_skills`,
				before_json: null,
				after_json: JSON.stringify({ status: 'achieved', awardDate, assessorId })
			});
			// An earlier award's entry, then the one for the award held.
			await db
				.insertInto('audit_log')
				.values(awarded(100002, renewal.id, '2023-01-10'))
				.execute();
			await db
				.insertInto('audit_log')
				.values(awarded(100002, first.id, '2026-01-15'))
				.execute();
			expect(await migrateToLatest(db, Object.fromEntries(Object.entries(migrations).filter(([name]) => name < '0032')))).toEqual(['0031_award_assessor']);
			expect(await db.selectFrom('quality_marks').select(['urn', 'assessor_id', 'award_assessor_id']).orderBy('urn').execute()).toEqual([
				{ urn: 100001, assessor_id: first.id, award_assessor_id: first.id },
				{ urn: 100002, assessor_id: renewal.id, award_assessor_id: first.id },
				{ urn: 100003, assessor_id: renewal.id, award_assessor_id: null },
				{ urn: 100004, assessor_id: renewal.id, award_assessor_id: null }
			]);
		} finally {
			await db.destroy();
			rmSync(dir, { recursive: true, force: true });
		}
	});

	it('0009 rebuilds engagements without losing a note of visit or an area for improvement, and keeps foreign keys on', async () => {
		const dir = mkdtempSync(join(tmpdir(), 'triage-migrate-'));
		const db = createDb(join(dir, 'test.sqlite'));
		try {
			const before = Object.fromEntries(Object.entries(migrations).filter(([name]) => name < '0009'));
			await migrateToLatest(db, before);
			const adviser = await userAsItWas(db);
			await addSchool(db, 300001);
			const now = nowIso();
			const engagement = {
				year: 2027,
				plan_key: '300001/focus.review/1',
				urn: 300001,
				adviser_id: adviser.id,
				template_id: 'focus.review',
				category: 'focus',
				activity: 'review',
				label: 'SIA-led review',
				mode: 'on_site',
				date: '2026-10-07',
				days: 1,
				half_term: 'autumn_1',
				sequence: 1,
				status: 'completed',
				fulfils_template_id: 'focus.review',
				fulfils_sequence: 1,
				confirmed_at: null,
				confirmed_by: null,
				cancelled_at: null,
				cancelled_by: null,
				cancel_reason: null,
				completed_at: now,
				completed_by: adviser.id,
				created_at: now,
				updated_at: now
			} as const;
			const { id } = await db.insertInto('engagements').values(engagement).returning('id').executeTakeFirstOrThrow();
			await db
				.insertInto('visit_notes')
				.values({
					engagement_id: id,
					visit_date: '2026-10-07',
					purpose: 'p',
					evidence: 'e',
					strengths: 's',
					status: 'published',
					written_by: adviser.id,
					created_at: now,
					updated_at: now,
					published_at: now,
					published_by: adviser.id
				})
				.execute();
			await db
				.insertInto('afis')
				.values({
					urn: 300001,
					description: 'Writing',
					raised_engagement_id: id,
					position: 0,
					closed_engagement_id: null,
					closed_at: null,
					created_by: adviser.id,
					created_at: now
				})
				.execute();

			const through0009 = Object.fromEntries(Object.entries(migrations).filter(([name]) => name <= '0009_quality_mark_visits'));
			expect(await migrateToLatest(db, through0009)).toEqual(['0009_quality_mark_visits']);
			expect(await db.selectFrom('engagements').selectAll().where('id', '=', id).executeTakeFirst()).toEqual({ id, ...engagement, quality_mark_id: null });
			expect(await db.selectFrom('visit_notes').select('engagement_id').execute()).toEqual([{ engagement_id: id }]);
			expect((await sql<{ foreign_keys: number }>`PRAGMA foreign_keys`.execute(db)).rows).toEqual([{ foreign_keys: 1 }]);
			expect((await sql`PRAGMA foreign_key_check`.execute(db)).rows).toEqual([]);
			// Deleting the engagement still reaches its note: the references survived the rebuild.
			await db.deleteFrom('engagements').where('id', '=', id).execute();
			expect(await db.selectFrom('visit_notes').select('engagement_id').execute()).toEqual([]);
			// An engagement is either planned from a category or a Quality Mark visit.
			const orphan = db
				.insertInto('engagements')
				.values({ ...engagement, plan_key: 'x', category: null })
				.execute();
			await expect(orphan).rejects.toThrow(/CHECK constraint failed: engagements_kind_check/);
		} finally {
			await db.destroy();
			rmSync(dir, { recursive: true, force: true });
		}
	});

	it('0010 rebuilds imports with the new formats, keeps every import id, and lets a file be live once per year', async () => {
		const dir = mkdtempSync(join(tmpdir(), 'triage-migrate-'));
		const db = createDb(join(dir, 'test.sqlite'));
		try {
			const before = Object.fromEntries(Object.entries(migrations).filter(([name]) => name < '0010'));
			await migrateToLatest(db, before);
			const now = nowIso();
			const row = {
				format: 'ks2',
				file_name: 'a.csv',
				sha256: 'abc',
				size_bytes: 1,
				year: 2019,
				version: 'final',
				la_codes: '850',
				user_id: null,
				imported_at: now,
				rows_read: 1,
				schools_added: 1,
				schools_updated: 0,
				records_stored: 1,
				report_json: '{}'
			} as const;
			const { id } = await db.insertInto('imports').values(row).returning('id').executeTakeFirstOrThrow();
			await db
				.insertInto('ks2_results')
				.values({ urn: 100001, year: 2019, la_code: '850', record_type: 1, import_id: id } as never)
				.execute();

			expect(await migrateToLatest(db)).toContain('0010_import_formats');
			expect(await db.selectFrom('imports').select(['id', 'format', 'sha256']).execute()).toEqual([{ id, format: 'ks2', sha256: 'abc' }]);
			expect((await sql`PRAGMA foreign_key_check`.execute(db)).rows).toEqual([]);
			// The results still point at their import: deleting it is refused by the foreign key.
			await expect(db.deleteFrom('imports').where('id', '=', id).execute()).rejects.toThrow(/FOREIGN KEY/);
			// The same file may be live for another year (an EES file covers several), not twice for one.
			await db
				.insertInto('imports')
				.values({ ...row, format: 'ees_school_performance', year: 2024 })
				.execute();
			await expect(
				db
					.insertInto('imports')
					.values({ ...row, year: 2024 })
					.execute()
			).rejects.toThrow(/UNIQUE/);
			await db
				.insertInto('imports')
				.values({ ...row, format: 'ofsted_mi', sha256: 'def', year: null })
				.execute();
			await expect(
				db
					.insertInto('imports')
					.values({ ...row, format: 'ofsted_mi', sha256: 'def', year: null })
					.execute()
			).rejects.toThrow(/UNIQUE/);
			await expect(
				db
					.insertInto('imports')
					.values({ ...row, format: 'spreadsheet' as never, sha256: 'x' })
					.execute()
			).rejects.toThrow(/imports_format_check/);
		} finally {
			await db.destroy();
			rmSync(dir, { recursive: true, force: true });
		}
	});
	it('0012 rebuilds soft_intelligence keeping every row and id, takes the new Ofsted fields, and accepts entries from Ofsted MI', async () => {
		const dir = mkdtempSync(join(tmpdir(), 'triage-migrate-'));
		const db = createDb(join(dir, 'test.sqlite'));
		try {
			const before = Object.fromEntries(Object.entries(migrations).filter(([name]) => name < '0012'));
			await migrateToLatest(db, before);
			const adviser = await userAsItWas(db);
			await addSchool(db, 300001);
			const now = nowIso();
			const row = {
				urn: 300001,
				end_date: null,
				grade: null,
				areas_json: null,
				safeguarding_met: null,
				created_by: adviser.id,
				created_at: now,
				ended_by: null,
				ended_at: null
			};
			const rows = [
				{ ...row, type: 'ofsted_legacy', date: '2019-01-23', details: 'From the GIAS register', source: 'gias_import', grade: 'good', created_by: null },
				{
					...row,
					type: 'ofsted_report_card',
					date: '2025-12-01',
					details: '',
					source: 'adviser',
					areas_json: '[{"area":"Achievement","grade":"expected_standard"}]',
					safeguarding_met: 1
				},
				{ ...row, type: 'ofsted_ungraded', date: '2026-02-01', details: 'Some aspects not as strong', source: 'adviser' },
				{
					...row,
					type: 'self_referral',
					date: '2026-03-01',
					details: 'Help with writing',
					source: 'headteacher',
					end_date: '2026-03-05',
					ended_by: adviser.id,
					ended_at: now
				}
			] as const;
			const ids: number[] = [];
			for (const r of rows)
				ids.push(
					(
						await db
							.insertInto('soft_intelligence')
							.values(r as never)
							.returning('id')
							.executeTakeFirstOrThrow()
					).id
				);
			// The newest row is deleted: its id must not be given out again after the rebuild.
			await db
				.deleteFrom('soft_intelligence')
				.where('id', '=', ids[ids.length - 1])
				.execute();
			const kept = await db.selectFrom('soft_intelligence').selectAll().orderBy('id').execute();

			const through0012 = Object.fromEntries(Object.entries(migrations).filter(([name]) => name <= '0012_ofsted_inspections'));
			expect(await migrateToLatest(db, through0012)).toEqual(['0012_ofsted_inspections']);
			const fresh = {
				judgements_json: null,
				safeguarding_effective: null,
				category_of_concern: null,
				predecessor: 0,
				source_file: null,
				published_date: null,
				import_id: null,
				corrected_by: null,
				corrected_at: null
			};
			expect(await db.selectFrom('soft_intelligence').selectAll().orderBy('id').execute()).toEqual(
				kept.map((k) => ({ ...k, ...fresh, outcome: k.type === 'ofsted_ungraded' ? k.details : null }))
			);
			expect((await sql<{ foreign_keys: number }>`PRAGMA foreign_keys`.execute(db)).rows).toEqual([{ foreign_keys: 1 }]);
			expect((await sql`PRAGMA foreign_key_check`.execute(db)).rows).toEqual([]);
			const indexes = await sql<{
				name: string;
			}>`select name from sqlite_master where type = 'index' and tbl_name = 'soft_intelligence' and name not like 'sqlite_%' order by name`.execute(db);
			expect(indexes.rows.map((r) => r.name)).toEqual(['soft_intelligence_import', 'soft_intelligence_urn']);

			const { id: importId } = await db
				.insertInto('imports')
				.values({
					format: 'ofsted_mi',
					file_name: 'mi.csv',
					sha256: 'abc',
					size_bytes: 1,
					year: null,
					version: null,
					la_codes: null,
					user_id: null,
					imported_at: now,
					rows_read: 1,
					schools_added: 0,
					schools_updated: 0,
					records_stored: 1,
					report_json: '{}'
				})
				.returning('id')
				.executeTakeFirstOrThrow();
			const mi = {
				...row,
				type: 'ofsted_legacy',
				date: '2024-10-14',
				details: '',
				source: 'ofsted_mi',
				created_by: null,
				judgements_json: '{"qualityOfEducation":3}',
				category_of_concern: 'serious_weaknesses',
				predecessor: 1,
				source_file: 'Ofsted MI as at 30 April 2026',
				import_id: importId
			} as const;
			const { id } = await db.insertInto('soft_intelligence').values(mi).returning('id').executeTakeFirstOrThrow();
			expect(id).toBe(Math.max(...ids) + 1);
			await expect(
				db
					.insertInto('soft_intelligence')
					.values({ ...mi, import_id: null })
					.execute()
			).rejects.toThrow(/soft_intelligence_import_check/);
			await expect(
				db
					.insertInto('soft_intelligence')
					.values({ ...mi, category_of_concern: 'notice_to_improve' as never })
					.execute()
			).rejects.toThrow(/soft_intelligence_category_check/);
			await expect(
				db
					.insertInto('soft_intelligence')
					.values({ ...mi, source: 'rumour' as never, import_id: null })
					.execute()
			).rejects.toThrow(/CHECK constraint failed/);
			// An import with entries cannot be deleted out from under them.
			await expect(db.deleteFrom('imports').where('id', '=', importId).execute()).rejects.toThrow(/FOREIGN KEY/);
			// Deleting a school still removes its register.
			await db.deleteFrom('soft_intelligence').where('id', '=', id).execute();
			await db.deleteFrom('schools').where('urn', '=', 300001).execute();
			expect(await db.selectFrom('soft_intelligence').select('id').execute()).toEqual([]);
			expect(await migrateToLatest(db)).toContain('0013_one_open_support_request');
		} finally {
			await db.destroy();
			rmSync(dir, { recursive: true, force: true });
		}
	});
});
