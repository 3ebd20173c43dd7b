import type { Selectable } from 'kysely';
import type { Db } from '../db';
import type { QualityMarksTable } from '../db/schema/quality-mark';
import { newQualityMarkRecord, type IsoDate, type Key, type QualityMarkFramework, type QualityMarkRecord } from '../../domain/quality-mark';
import { nowIso } from '../clock';
import { getFramework } from './frameworks';
import { QualityMarkError } from './errors';

export type QualityMarkRow = Selectable<QualityMarksTable>;

export function toRecord(row: QualityMarkRow): QualityMarkRecord {
	return {
		urn: row.urn,
		frameworkKey: row.framework_key,
		status: row.status,
		statusChangedOn: row.status_changed_on,
		awardDate: row.award_date,
		expiryDate: row.expiry_date,
		visitDate: row.visit_date,
		feedback: row.feedback
	};
}

/** The columns that hold the domain record's fields. */
export function recordColumns(record: QualityMarkRecord) {
	return {
		status: record.status,
		status_changed_on: record.statusChangedOn,
		award_date: record.awardDate,
		expiry_date: record.expiryDate,
		visit_date: record.visitDate,
		feedback: record.feedback
	};
}

/** Saves a new record, with who assesses its visit if anyone yet, and returns its id. */
export async function insertRecord(db: Db, record: QualityMarkRecord, assessorId: number | null = null): Promise<number> {
	const now = nowIso();
	const { id } = await db
		.insertInto('quality_marks')
		.values({
			...recordColumns(record),
			urn: record.urn,
			framework_key: record.frameworkKey,
			assessor_id: assessorId,
			nominee_id: null,
			created_at: now,
			updated_at: now
		})
		.returning('id')
		.executeTakeFirstOrThrow();
	return id;
}

export async function findRow(db: Db, urn: number, frameworkKey: Key): Promise<QualityMarkRow | undefined> {
	return db.selectFrom('quality_marks').selectAll().where('urn', '=', urn).where('framework_key', '=', frameworkKey).executeTakeFirst();
}

/** The stored record, or a not-engaged one (not saved) for a school that has never engaged. */
export async function loadRecord(db: Db, urn: number, frameworkKey: Key, today: IsoDate) {
	const row = await findRow(db, urn, frameworkKey);
	return { row: row ?? null, record: row ? toRecord(row) : newQualityMarkRecord(urn, frameworkKey, today) };
}

/** The school and framework a request names, or "not found" for either. */
export async function requireSchoolAndFramework(
	db: Db,
	urn: number,
	frameworkKey: Key
): Promise<{ school: { urn: number; name: string }; framework: QualityMarkFramework }> {
	const school = await db.selectFrom('schools').select(['urn', 'name']).where('urn', '=', urn).executeTakeFirst();
	const framework = await getFramework(db, frameworkKey);
	if (!school || !framework) throw new QualityMarkError('Page not found', 'not_found');
	return { school, framework };
}
