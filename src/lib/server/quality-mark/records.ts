import type { Selectable } from 'kysely';
import type { Db } from '../db';
import type { QualityMarksTable } from '../db/schema/quality-mark';
import { lockingRows } from '../db/dialect';
import { newQualityMarkRecord, type IsoDate, type Key, type QualityMarkFramework, type QualityMarkRecord } from '../../domain/quality-mark';
import { nowIso } from '../clock';
import { getFramework } from './frameworks';
import { toSchool } from '../schools';
import { requireAllowed, type Actor, type QualityMark } from '../../domain/access';
import { NOT_FOUND, Refusal } from '../../domain/refusal';

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

export async function findRow(db: Db, urn: number, frameworkKey: Key, options: { lock?: boolean } = {}): Promise<QualityMarkRow | undefined> {
	const query = db.selectFrom('quality_marks').selectAll().where('urn', '=', urn).where('framework_key', '=', frameworkKey);
	return (options.lock ? lockingRows(db, query) : query).executeTakeFirst();
}

/** The stored record, or a not-engaged one (not saved) for a school that has never engaged. */
export async function loadRecord(db: Db, urn: number, frameworkKey: Key, today: IsoDate) {
	const row = await findRow(db, urn, frameworkKey);
	return { row: row ?? null, record: row ? toRecord(row) : newQualityMarkRecord(urn, frameworkKey, today) };
}

/**
 * The school and framework a request names, if this person may see the school, with the stored
 * record (if any) and the record as the access policy sees it (`mark`: the school's link adviser
 * and the record's assessor). "Not found" for an unknown school or framework, and for a school
 * `school.view` hides.
 */
export async function openRecord(
	db: Db,
	actor: Actor,
	urn: number,
	frameworkKey: Key
): Promise<{ school: { urn: number; name: string }; framework: QualityMarkFramework; row: QualityMarkRow | undefined; mark: QualityMark }> {
	const school = await db.selectFrom('schools').select(['urn', 'name', 'link_adviser_id', 'la_code']).where('urn', '=', urn).executeTakeFirst();
	const framework = await getFramework(db, frameworkKey);
	if (!school || !framework) throw new Refusal(NOT_FOUND, { status: 404 });
	requireAllowed(actor, 'school.view', toSchool(school));
	const row = await findRow(db, urn, framework.key);
	return { school: { urn, name: school.name }, framework, row, mark: { ...toSchool(school), assessorId: row?.assessor_id ?? null } };
}

/** The identifying text used in the audit log and messages: "190031/basic_skills". */
export function recordRef(urn: number, frameworkKey: Key): string {
	return `${urn}/${frameworkKey}`;
}
