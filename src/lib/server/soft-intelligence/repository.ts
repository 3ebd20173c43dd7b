import type { Db } from '../db';
import type { SoftIntelligenceTable } from '../db/schema/analysis';
import type { Selectable } from 'kysely';
import { audit } from '../audit';
import { nowIso } from '../clock';
import { AnalysisError, mayActForSchool, schoolForAction, type Actor } from '../analysis/access';
import { chunks } from '../import/handler';
import type { OfstedLegacyGrade, ReportCardArea, SoftIntelligenceEntry, SoftIntelligenceSource, SoftIntelligenceType } from '../../domain/analysis/soft-intelligence';
import { gradeSummary, validateEndDate, validateEntry, type EntryInput } from './input';

type Row = Selectable<SoftIntelligenceTable>;

/** A stored row as the engine reads it; ids become strings, as the engine's entries have. */
export function toEntry(row: Row): SoftIntelligenceEntry {
	const base = { id: String(row.id), date: row.date, endDate: row.end_date, details: row.details, source: row.source };
	if (row.type === 'ofsted_legacy') return { ...base, type: 'ofsted_legacy', grade: row.grade as OfstedLegacyGrade };
	if (row.type === 'ofsted_report_card') {
		const areas = JSON.parse(row.areas_json ?? '[]') as ReportCardArea[];
		return { ...base, type: 'ofsted_report_card', areas, safeguardingMet: row.safeguarding_met === 1 };
	}
	if (row.type === 'ofsted_ungraded') return { ...base, type: 'ofsted_ungraded', outcome: row.details };
	return { ...base, type: row.type };
}

/** Every school's register, for a run: urn → entries, oldest first. Schools with none are absent. */
export async function registers(db: Db, urns?: readonly number[]): Promise<Map<number, SoftIntelligenceEntry[]>> {
	const query = () => db.selectFrom('soft_intelligence').selectAll().orderBy('urn').orderBy('date').orderBy('id');
	const rows = urns === undefined ? await query().execute() : (await Promise.all(chunks(urns).map((group) => query().where('urn', 'in', group).execute()))).flat();
	const out = new Map<number, SoftIntelligenceEntry[]>();
	for (const row of rows) {
		const list = out.get(row.urn) ?? [];
		list.push(toEntry(row));
		out.set(row.urn, list);
	}
	return out;
}

export interface RegisterEntryView {
	id: number;
	type: SoftIntelligenceType;
	date: string;
	endDate: string | null;
	details: string;
	source: SoftIntelligenceSource;
	grade: string | null;
	areas: ReportCardArea[] | null;
	safeguardingMet: boolean | null;
	/** The grade, or the report card's area grades, in words. */
	grades: string | null;
	createdBy: string | null;
	createdAt: string;
	endedBy: string | null;
}

/** One school's register for its page, newest first. */
export async function schoolRegister(db: Db, urn: number): Promise<RegisterEntryView[]> {
	const rows = await db
		.selectFrom('soft_intelligence as s')
		.leftJoin('users as c', 'c.id', 's.created_by')
		.leftJoin('users as e', 'e.id', 's.ended_by')
		.selectAll('s')
		.select(['c.name as created_by_name', 'e.name as ended_by_name'])
		.where('s.urn', '=', urn)
		.orderBy('s.date', 'desc')
		.orderBy('s.id', 'desc')
		.execute();
	return rows.map((r) => {
		const areas = r.areas_json ? (JSON.parse(r.areas_json) as ReportCardArea[]) : null;
		const safeguardingMet = r.safeguarding_met === null ? null : r.safeguarding_met === 1;
		return {
			id: r.id,
			type: r.type,
			date: r.date,
			endDate: r.end_date,
			details: r.details,
			source: r.source,
			grade: r.grade,
			areas,
			safeguardingMet,
			grades: gradeSummary({ grade: r.grade, areas, safeguardingMet }),
			createdBy: r.created_by_name,
			createdAt: r.created_at,
			endedBy: r.ended_by_name
		};
	});
}

/** May this person add to or end entries in this school's register? */
export function mayKeepRegister(actor: Actor, linkAdviserId: number | null): boolean {
	return mayActForSchool(actor, linkAdviserId);
}

async function requireRegisterAccess(db: Db, actor: Actor, urn: number) {
	const school = await schoolForAction(db, urn);
	if (!mayKeepRegister(actor, school.linkAdviserId)) {
		throw new AnalysisError(
			actor.role === 'adviser'
				? `Only ${school.name}’s link adviser or a lead adviser can change its register`
				: 'You cannot change the soft-intelligence register',
			403
		);
	}
	return school;
}

/** Adds an entry typed into the form. Invalid input throws an AnalysisError naming the field. */
export async function recordEntry(db: Db, actor: Actor, urn: number, raw: Record<string, string>): Promise<number> {
	await requireRegisterAccess(db, actor, urn);
	const now = nowIso();
	const parsed = validateEntry(raw, now.slice(0, 10));
	if (!parsed.ok) throw new EntryInputError(parsed.errors);
	return db.transaction().execute(async (trx) => {
		const row = await trx
			.insertInto('soft_intelligence')
			.values({ urn, ...columnsOf(parsed.value), source: 'adviser', end_date: null, created_by: actor.id, created_at: now, ended_by: null, ended_at: null })
			.returning('id')
			.executeTakeFirstOrThrow();
		await audit(trx, { userId: actor.id, action: 'soft_intelligence.record', entity: 'school', entityId: urn, after: { id: row.id, ...parsed.value } });
		return row.id;
	});
}

/** Every field error of a refused entry, for the form. */
export class EntryInputError extends AnalysisError {
	constructor(readonly errors: Record<string, string>) {
		super(Object.values(errors)[0] ?? 'Check the entry', 400);
	}
}

function columnsOf(e: EntryInput) {
	return {
		type: e.type,
		date: e.date,
		details: e.details,
		grade: e.grade,
		areas_json: e.areas ? JSON.stringify(e.areas) : null,
		safeguarding_met: e.safeguardingMet === null ? null : e.safeguardingMet ? 1 : 0
	};
}

/** Ends an open entry on `endDate` (blank: today). Ending an imported Ofsted grade withdraws it. */
export async function endEntry(db: Db, actor: Actor, urn: number, id: number, endDate: string): Promise<void> {
	await requireRegisterAccess(db, actor, urn);
	const row = await db.selectFrom('soft_intelligence').selectAll().where('id', '=', id).where('urn', '=', urn).executeTakeFirst();
	if (!row) throw new AnalysisError('That entry is not in this school’s register', 404);
	if (row.end_date !== null) throw new AnalysisError('That entry has already ended', 400, 'endDate');
	const now = nowIso();
	const end = validateEndDate(endDate, row.date, now.slice(0, 10));
	if (!end.ok) throw new AnalysisError(end.message, 400, 'endDate');
	await db.transaction().execute(async (trx) => {
		await trx.updateTable('soft_intelligence').set({ end_date: end.value, ended_by: actor.id, ended_at: now }).where('id', '=', id).execute();
		await audit(trx, { userId: actor.id, action: 'soft_intelligence.end', entity: 'school', entityId: urn, before: { id, endDate: null }, after: { id, endDate: end.value } });
	});
}
