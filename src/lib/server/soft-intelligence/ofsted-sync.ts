import type { Db } from '../db';
import { audit } from '../audit';
import { nowIso } from '../clock';
import { isIsoDate, type CategoryOfConcern, type OfstedLegacyGrade } from '../../domain/analysis/soft-intelligence';
import { oneAtATime } from '../db/dialect';

/**
 * GIAS's "OfstedRating (name)" as a legacy grade. Serious weaknesses and special measures are the
 * two kinds of Inadequate; "Insufficient evidence" and blanks are not a grade and are left out.
 */
export function gradeFromGias(rating: string | null): OfstedLegacyGrade | null {
	switch ((rating ?? '').trim().toLowerCase()) {
		case 'outstanding':
			return 'outstanding';
		case 'good':
			return 'good';
		case 'requires improvement':
		case 'satisfactory':
			return 'requires_improvement';
		case 'inadequate':
		case 'serious weaknesses':
		case 'special measures':
			return 'inadequate';
		default:
			return null;
	}
}

/** "Special Measures" and "Serious Weaknesses" are Inadequate with a category of concern; other ratings have none. */
export function categoryFromGias(rating: string | null): CategoryOfConcern | null {
	const r = (rating ?? '').trim().toLowerCase();
	return r === 'special measures' ? 'special_measures' : r === 'serious weaknesses' ? 'serious_weaknesses' : null;
}

export interface OfstedSyncResult {
	added: number;
	updated: number;
}

/**
 * Copies each register row's Ofsted rating and date into the school's soft-intelligence register
 * as an entry marked `gias_import`. Idempotent: one imported entry per school and inspection date.
 * - A new date adds an entry (the older inspection stays, as history; the latest one counts),
 *   unless the register already has a graded inspection on that date from another source (an
 *   adviser, or Ofsted's management information): that one already records it.
 * - The same date with a different grade (GIAS corrected it) updates the imported entry, unless an
 *   adviser has corrected or withdrawn (ended) it: their word stands.
 * - An imported entry an adviser has ended (withdrawn) is left alone and not added again.
 * The importer can call this after a GIAS import; every run calls it before categorising.
 */
export async function syncOfstedFromRegister(db: Db, userId: number | null = null): Promise<OfstedSyncResult> {
	// Two runs at once (two app servers, or two people) would both find an inspection missing and both add it.
	return db.transaction().execute(async (trx) => {
		await oneAtATime(trx, 'analysis', 0);
		return syncInside(trx, userId);
	});
}

/** syncOfstedFromRegister's work, in its transaction. */
async function syncInside(db: Db, userId: number | null): Promise<OfstedSyncResult> {
	const schools = await db
		.selectFrom('schools')
		.select(['urn', 'ofsted_rating', 'ofsted_date'])
		.where('ofsted_rating', 'is not', null)
		.where('ofsted_date', 'is not', null)
		.execute();
	const recorded = await db
		.selectFrom('soft_intelligence')
		.select(['id', 'urn', 'date', 'grade', 'category_of_concern', 'source', 'end_date', 'corrected_at'])
		.where('type', '=', 'ofsted_legacy')
		.execute();
	const imported = new Map(recorded.filter((e) => e.source === 'gias_import').map((e) => [`${e.urn} ${e.date}`, e]));
	const elsewhere = new Set(recorded.filter((e) => e.source !== 'gias_import').map((e) => `${e.urn} ${e.date}`));
	type Change = { urn: number; date: string; grade: OfstedLegacyGrade; category: CategoryOfConcern | null };
	const toAdd: Change[] = [];
	const toUpdate: (Change & { id: number; from: string | null })[] = [];
	for (const s of schools) {
		const grade = gradeFromGias(s.ofsted_rating);
		const date = s.ofsted_date ?? '';
		if (grade === null || !isIsoDate(date)) continue;
		const category = categoryFromGias(s.ofsted_rating);
		const key = `${s.urn} ${date}`;
		const existing = imported.get(key);
		if (!existing) {
			if (!elsewhere.has(key)) toAdd.push({ urn: s.urn, date, grade, category });
		} else if ((existing.grade !== grade || existing.category_of_concern !== category) && existing.corrected_at === null && existing.end_date === null) {
			toUpdate.push({ id: existing.id, urn: s.urn, date, from: existing.grade, grade, category });
		}
	}
	if (toAdd.length === 0 && toUpdate.length === 0) return { added: 0, updated: 0 };
	const now = nowIso();
	for (let i = 0; i < toAdd.length; i += 100) {
		const values = toAdd.slice(i, i + 100).map((a) => ({
			urn: a.urn,
			type: 'ofsted_legacy' as const,
			date: a.date,
			end_date: null,
			details: 'From the GIAS register',
			source: 'gias_import' as const,
			grade: a.grade,
			category_of_concern: a.category,
			areas_json: null,
			safeguarding_met: null,
			created_by: null,
			created_at: now,
			ended_by: null,
			ended_at: null
		}));
		await db.insertInto('soft_intelligence').values(values).execute();
	}
	for (const u of toUpdate)
		await db
			.updateTable('soft_intelligence')
			.set({ grade: u.grade, category_of_concern: u.category })
			.where('id', '=', u.id)
			.where('corrected_at', 'is', null)
			.where('end_date', 'is', null)
			.execute();
	await audit(db, {
		userId,
		action: 'soft_intelligence.import_ofsted',
		entity: 'soft_intelligence',
		entityId: null,
		after: { added: toAdd.map((a) => [a.urn, a.date, a.grade, a.category]), updated: toUpdate.map((u) => [u.urn, u.date, u.from, u.grade, u.category]) }
	});
	return { added: toAdd.length, updated: toUpdate.length };
}
