import type { Db } from '../db';
import type { SoftIntelligenceTable } from '../db/schema/analysis';
import type { Selectable } from 'kysely';
import { audit } from '../audit';
import { nowIso, today } from '../clock';
import { existingSchool } from '../schools';
import { requireAllowed, type Actor, type School } from '../../domain/access';
import { Refusal } from '../../domain/refusal';
import { chunks } from '../import/handler';
import {
	isOfstedInspection,
	isOfstedType,
	type OeifJudgements,
	type OfstedInspectionEntry,
	type OfstedLegacyGrade,
	type ReportCardArea,
	type SoftIntelligenceEntry,
	type SoftIntelligenceSource,
	type SoftIntelligenceType
} from '../../domain/analysis/soft-intelligence';
import { longDate } from '../../domain/format';
import { inspectionKind, inspectionRows, type SummaryRow } from '../../domain/ofsted/describe';
import { formValuesOf, validateCorrection, validateEndDate, validateEntry, type OfstedInput } from './input';
import { lockingRows } from '../db/dialect';

/** The columns an entry is made of (toEntry): who recorded, ended or corrected it, and when, are the register page's alone. */
const ENTRY_COLUMNS = [
	'id',
	'urn',
	'type',
	'date',
	'end_date',
	'details',
	'source',
	'grade',
	'areas_json',
	'safeguarding_met',
	'judgements_json',
	'safeguarding_effective',
	'category_of_concern',
	'predecessor',
	'source_file',
	'outcome'
] as const;

type Row = Pick<Selectable<SoftIntelligenceTable>, (typeof ENTRY_COLUMNS)[number]>;

const bool = (n: number | null): boolean | null => (n === null ? null : n === 1);
const bit = (b: boolean | null): number | null => (b === null ? null : b ? 1 : 0);

/**
 * A stored row as the engine reads it; ids become strings, as the engine's entries have. Each kind
 * is written out whole rather than spread from a shared base: spreading cost 4 µs an entry, which
 * made reading every school's inspections for their intervention status the overview's slowest step.
 */
export function toEntry(row: Row): SoftIntelligenceEntry {
	const id = String(row.id);
	switch (row.type) {
		case 'ofsted_legacy':
			return {
				id,
				type: 'ofsted_legacy',
				date: row.date,
				endDate: row.end_date,
				details: row.details,
				source: row.source,
				categoryOfConcern: row.category_of_concern,
				predecessor: row.predecessor === 1,
				sourceFile: row.source_file,
				grade: row.grade as OfstedLegacyGrade | null,
				judgements: row.judgements_json ? (JSON.parse(row.judgements_json) as OeifJudgements) : null,
				safeguardingEffective: bool(row.safeguarding_effective)
			};
		case 'ofsted_report_card':
			return {
				id,
				type: 'ofsted_report_card',
				date: row.date,
				endDate: row.end_date,
				details: row.details,
				source: row.source,
				categoryOfConcern: row.category_of_concern,
				predecessor: row.predecessor === 1,
				sourceFile: row.source_file,
				areas: JSON.parse(row.areas_json ?? '[]') as ReportCardArea[],
				safeguardingMet: row.safeguarding_met === 1
			};
		case 'ofsted_ungraded':
			return {
				id,
				type: 'ofsted_ungraded',
				date: row.date,
				endDate: row.end_date,
				details: row.details,
				source: row.source,
				categoryOfConcern: row.category_of_concern,
				predecessor: row.predecessor === 1,
				sourceFile: row.source_file,
				outcome: row.outcome ?? ''
			};
		default:
			return { id, type: row.type, date: row.date, endDate: row.end_date, details: row.details, source: row.source };
	}
}

/**
 * Every school's register, for a run: urn → entries, oldest first. Schools with none are absent.
 * `types`: only entries of these types (a school's intervention status rests on its inspections alone).
 */
export async function registers(db: Db, urns?: readonly number[], types?: readonly SoftIntelligenceType[]): Promise<Map<number, SoftIntelligenceEntry[]>> {
	const query = () =>
		db
			.selectFrom('soft_intelligence')
			.select(ENTRY_COLUMNS)
			.$if(types !== undefined, (qb) => qb.where('type', 'in', types!))
			.orderBy('urn')
			.orderBy('date')
			.orderBy('id');
	const rows =
		urns === undefined ? await query().execute() : (await Promise.all(chunks(urns).map((group) => query().where('urn', 'in', group).execute()))).flat();
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
	createdBy: string | null;
	createdAt: string;
	endedBy: string | null;
	/** For an Ofsted outcome, everything the page shows about it; null for other entries. */
	ofsted: OfstedView | null;
}

export interface OfstedView {
	/** "Ofsted graded inspection with no overall grade". */
	kind: string;
	/** Every grade, safeguarding and the category of concern, as summary-list rows. */
	rows: SummaryRow[];
	predecessor: boolean;
	publishedDate: string | null;
	/** "From Ofsted MI as at 30 April 2026", "Imported from GIAS", "Recorded by Tom Fletcher". */
	origin: string;
	/** "Corrected by Tom Fletcher on 3 March 2026", or null. */
	corrected: string | null;
	/** The entry as the correction form's values. */
	values: Record<string, string>;
}

function ofstedView(
	e: OfstedInspectionEntry,
	r: Selectable<SoftIntelligenceTable> & { created_by_name: string | null; corrected_by_name: string | null }
): OfstedView {
	const origin =
		r.source === 'ofsted_mi'
			? `From ${r.source_file ?? 'Ofsted’s management information'}`
			: r.source === 'gias_import'
				? 'Imported from GIAS'
				: `Recorded by ${r.created_by_name ?? 'an adviser'}`;
	return {
		kind: inspectionKind(e),
		rows: inspectionRows(e),
		predecessor: r.predecessor === 1,
		publishedDate: r.published_date,
		origin,
		corrected: r.corrected_at ? `Corrected by ${r.corrected_by_name ?? 'an adviser'} on ${longDate(r.corrected_at)}` : null,
		values: formValuesOf(e)
	};
}

/** One school's register for its page, newest first. */
export async function schoolRegister(db: Db, urn: number): Promise<RegisterEntryView[]> {
	const rows = await db
		.selectFrom('soft_intelligence as s')
		.leftJoin('users as c', 'c.id', 's.created_by')
		.leftJoin('users as e', 'e.id', 's.ended_by')
		.leftJoin('users as k', 'k.id', 's.corrected_by')
		.selectAll('s')
		.select(['c.name as created_by_name', 'e.name as ended_by_name', 'k.name as corrected_by_name'])
		.where('s.urn', '=', urn)
		.orderBy('s.date', 'desc')
		.orderBy('s.id', 'desc')
		.execute();
	return rows.map((r) => {
		const entry = toEntry(r);
		return {
			id: r.id,
			type: r.type,
			date: r.date,
			endDate: r.end_date,
			details: r.details,
			source: r.source,
			grade: r.grade,
			areas: r.areas_json ? (JSON.parse(r.areas_json) as ReportCardArea[]) : null,
			safeguardingMet: bool(r.safeguarding_met),
			createdBy: r.created_by_name,
			createdAt: r.created_at,
			endedBy: r.ended_by_name,
			ofsted: isOfstedInspection(entry) ? ofstedView(entry, r) : null
		};
	});
}

async function requireRegisterAccess(db: Db, actor: Actor, urn: number): Promise<School> {
	const school = await existingSchool(db, urn);
	requireAllowed(actor, 'register.keep', school);
	return school;
}

/** Adds an entry typed into the form. Invalid input is refused with each field's problem. */
export async function recordEntry(db: Db, actor: Actor, urn: number, raw: Record<string, string>): Promise<number> {
	await requireRegisterAccess(db, actor, urn);
	const now = nowIso();
	// Today in England, not in UTC: after 11pm in summer they differ.
	const parsed = validateEntry(raw, today());
	if (!parsed.ok) throw Refusal.fields(parsed.errors, 'Check the entry');
	return db.transaction().execute(async (trx) => {
		const row = await trx
			.insertInto('soft_intelligence')
			.values({
				urn,
				type: parsed.value.type,
				date: parsed.value.date,
				details: parsed.value.details,
				...ofstedColumns(parsed.value),
				source: 'adviser',
				end_date: null,
				created_by: actor.id,
				created_at: now,
				ended_by: null,
				ended_at: null
			})
			.returning('id')
			.executeTakeFirstOrThrow();
		await audit(trx, { userId: actor.id, action: 'soft_intelligence.record', entity: 'school', entityId: urn, after: { id: row.id, ...parsed.value } });
		return row.id;
	});
}

/** The columns an Ofsted outcome's fields are stored in (all null for other entries). */
function ofstedColumns(e: OfstedInput) {
	return {
		grade: e.grade,
		areas_json: e.areas ? JSON.stringify(e.areas) : null,
		safeguarding_met: bit(e.safeguardingMet),
		judgements_json: e.judgements ? JSON.stringify(e.judgements) : null,
		safeguarding_effective: bit(e.safeguardingEffective),
		category_of_concern: e.categoryOfConcern,
		predecessor: e.predecessor ? 1 : 0,
		outcome: e.outcome
	};
}

/** Ends an open entry on `endDate` (blank: today). Ending an imported Ofsted grade withdraws it. */
export async function endEntry(db: Db, actor: Actor, urn: number, id: number, endDate: string): Promise<void> {
	await requireRegisterAccess(db, actor, urn);
	const row = await db.selectFrom('soft_intelligence').selectAll().where('id', '=', id).where('urn', '=', urn).executeTakeFirst();
	if (!row) throw new Refusal('That entry is not in this school’s register', { status: 404 });
	if (row.end_date !== null) throw new Refusal('That entry has already ended', { field: 'endDate' });
	const now = nowIso();
	const end = validateEndDate(endDate, row.date, today(), row.type);
	if (!end.ok) throw new Refusal(end.message, { field: 'endDate' });
	await db.transaction().execute(async (trx) => {
		// Only if still open: two people ending it at once, the second is told.
		const done = await trx
			.updateTable('soft_intelligence')
			.set({ end_date: end.value, ended_by: actor.id, ended_at: now })
			.where('id', '=', id)
			.where('end_date', 'is', null)
			.executeTakeFirst();
		if (Number(done.numUpdatedRows) !== 1) throw new Refusal('That entry has already ended', { field: 'endDate' });
		await audit(trx, {
			userId: actor.id,
			action: 'soft_intelligence.end',
			entity: 'school',
			entityId: urn,
			before: { id, endDate: null },
			after: { id, endDate: end.value }
		});
	});
}

/**
 * Corrects an Ofsted entry's grades (an imported one, usually): everything Ofsted recorded except
 * its kind and date, which say which inspection it is. The entry is marked corrected, so later
 * imports and a rollback of the import that added it leave it alone. Audited, before and after.
 */
export async function correctEntry(db: Db, actor: Actor, urn: number, id: number, raw: Record<string, string>): Promise<void> {
	await requireRegisterAccess(db, actor, urn);
	const row = await db.selectFrom('soft_intelligence').selectAll().where('id', '=', id).where('urn', '=', urn).executeTakeFirst();
	if (!row) throw new Refusal('That entry is not in this school’s register', { status: 404 });
	if (!isOfstedType(row.type)) throw new Refusal('Only an Ofsted inspection can be corrected. End the entry and record a new one instead.');
	if (row.end_date !== null) throw new Refusal('That inspection has been withdrawn, so it cannot be corrected');
	const parsed = validateCorrection(row.type, row.date, raw);
	if (!parsed.ok) throw Refusal.fields(parsed.errors, 'Check the entry');
	const after = { ...ofstedColumns(parsed.value), details: parsed.value.details };
	const now = nowIso();
	await db.transaction().execute(async (trx) => {
		// Read again, locked: a correction or a withdrawal made meanwhile is what this one changes, and what the log says it was.
		const current = await lockingRows(trx, trx.selectFrom('soft_intelligence').selectAll().where('id', '=', id)).executeTakeFirstOrThrow();
		if (current.end_date !== null) throw new Refusal('That inspection has been withdrawn, so it cannot be corrected');
		const before = Object.fromEntries(Object.keys(after).map((k) => [k, current[k as keyof typeof after]]));
		if (Object.entries(after).every(([k, v]) => before[k] === v)) return;
		await trx
			.updateTable('soft_intelligence')
			.set({ ...after, corrected_by: actor.id, corrected_at: now })
			.where('id', '=', id)
			.execute();
		await audit(trx, {
			userId: actor.id,
			action: 'soft_intelligence.correct',
			entity: 'school',
			entityId: urn,
			before: { id, ...before },
			after: { id, ...after }
		});
	});
}
