/** Builders for the analysis integration tests: a small LA written straight into a real database. */
import type { Db } from '../../src/lib/server/db';
import type { Ks2FigureValues } from '../../src/lib/server/db/schema/imports';
import { nowIso } from '../../src/lib/server/clock';
import { KS2_COLUMN_OF, codeColumn } from '../../src/lib/server/import/ks2-columns';
import type { Actor } from '../../src/lib/server/analysis';
import type { Role } from '../../src/lib/domain/roles';
import type { Ks2Comparator, Ks2Field, Ks2SchoolYear } from '../../src/lib/domain/ks2/types';
import { englandRow, schoolYear } from '../../src/lib/domain/analysis/test-fixtures';

export async function addUser(db: Db, role: Role, name: string): Promise<Actor & { name: string }> {
	const now = nowIso();
	const email = `${name.toLowerCase().replace(/\W+/g, '.')}@example.org`;
	const row = await db
		.insertInto('users')
		.values({ email, name, role, password_hash: 'not-used', disabled_at: null, created_at: now, updated_at: now })
		.returning('id')
		.executeTakeFirstOrThrow();
	return { id: row.id, role, name };
}

export async function addSchool(
	db: Db,
	urn: number,
	name: string,
	extra: { linkAdviserId?: number | null; ageHigh?: number; ofstedRating?: string | null; ofstedDate?: string | null; status?: string } = {}
) {
	const now = nowIso();
	await db
		.insertInto('schools')
		.values({
			urn,
			name,
			la_code: '999',
			la_name: 'Testshire',
			establishment_number: null,
			type: 'Community school',
			phase: 'Primary',
			status: extra.status ?? 'Open',
			age_low: 4,
			age_high: extra.ageHigh ?? 11,
			head_name: null,
			street: null,
			locality: null,
			town: 'Testford',
			postcode: null,
			easting: null,
			northing: null,
			ofsted_rating: extra.ofstedRating ?? null,
			ofsted_date: extra.ofstedDate ?? null,
			link_adviser_id: extra.linkAdviserId ?? null,
			created_at: now,
			updated_at: now
		})
		.execute();
}

function figureColumns(row: Ks2SchoolYear | Ks2Comparator, codes: Partial<Record<Ks2Field, string>>) {
	const out: Record<string, number | string | null> = {};
	for (const [field, column] of Object.entries(KS2_COLUMN_OF) as [Ks2Field, keyof Ks2FigureValues][]) {
		out[column] = row[field];
		out[codeColumn(column)] = codes[field] ?? null;
	}
	return out;
}

/** Stores KS2 rows and England comparators as if one import had written them. */
export async function addKs2(db: Db, rows: Ks2SchoolYear[], comparators: Ks2Comparator[]): Promise<void> {
	const imp = await db
		.insertInto('imports')
		.values({
			format: 'ks2',
			file_name: 'fixture.csv',
			sha256: `${Math.random()}`,
			size_bytes: 1,
			year: null,
			version: 'final',
			la_codes: '999',
			user_id: null,
			imported_at: nowIso(),
			rows_read: rows.length,
			schools_added: 0,
			schools_updated: 0,
			records_stored: rows.length,
			report_json: '{}',
			rolled_back_at: null,
			rolled_back_by: null
		})
		.returning('id')
		.executeTakeFirstOrThrow();
	for (const r of rows) {
		await db
			.insertInto('ks2_results')
			.values({ urn: r.urn, year: r.year, la_code: '999', record_type: r.recordType, import_id: imp.id, ...figureColumns(r, r.codes) } as never)
			.execute();
	}
	for (const c of comparators) {
		await db
			.insertInto('ks2_comparators')
			.values({ year: c.year, kind: c.kind, area: c.laCode ?? 'england', import_id: imp.id, ...figureColumns(c, {}) } as never)
			.execute();
	}
}

/** Three years 2017 to 2019 for a school, as gaps to England (61, 64, 65). */
export function threeYears(urn: number, g2017: number, g2018: number, g2019: number): Ks2SchoolYear[] {
	return [schoolYear(2017, 61 + g2017, { urn }), schoolYear(2018, 64 + g2018, { urn }), schoolYear(2019, 65 + g2019, { urn })];
}

export const ENGLAND_2017_2019 = [englandRow(2017), englandRow(2018), englandRow(2019)];

export const URNS = { intensive: 100001, secure: 100002, securePlus: 100003, lightTouch: 100004, focus: 100005, infant: 100006 } as const;

/**
 * A small LA with one school for each outcome the data alone gives, and an infant school
 * (no KS2: an adviser must judge it). The adviser is link adviser for the first three schools.
 */
export async function smallLa(db: Db) {
	const adviser = await addUser(db, 'adviser', 'Ada Adviser');
	const otherAdviser = await addUser(db, 'adviser', 'Otto Other');
	const lead = await addUser(db, 'lead_adviser', 'Lena Lead');
	const analyst = await addUser(db, 'analyst', 'Andy Analyst');
	const admin = await addUser(db, 'admin', 'Adele Admin');
	const head = await addUser(db, 'headteacher', 'Hugh Head');
	await addSchool(db, URNS.intensive, 'Ashdown Primary School', { linkAdviserId: adviser.id });
	await addSchool(db, URNS.secure, 'Birchwood Primary School', { linkAdviserId: adviser.id });
	await addSchool(db, URNS.securePlus, 'Cedar Primary School', { linkAdviserId: adviser.id });
	await addSchool(db, URNS.lightTouch, 'Dale Primary School', { linkAdviserId: otherAdviser.id });
	await addSchool(db, URNS.focus, 'Elm Primary School', { linkAdviserId: otherAdviser.id });
	await addSchool(db, URNS.infant, 'Fern Infant School', { linkAdviserId: otherAdviser.id, ageHigh: 7 });
	await addSchool(db, 100007, 'Gone Primary School', { status: 'Closed' });
	await addKs2(
		db,
		[
			...threeYears(URNS.intensive, -25, -12, -22),
			...threeYears(URNS.secure, 0, 1, -2),
			...threeYears(URNS.securePlus, 15, 14, 16),
			...threeYears(URNS.lightTouch, 0, 2, -12),
			...threeYears(URNS.focus, -12, -11, -5)
		],
		ENGLAND_2017_2019
	);
	return { adviser, otherAdviser, lead, analyst, admin, head };
}
