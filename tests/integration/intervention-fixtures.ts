/** Ofsted outcomes written straight into the soft-intelligence register, through the columns every Ofsted entry has. */
import type { Db } from '../../src/lib/server/db';
import { nowIso } from '../../src/lib/server/clock';
import type { OfstedLegacyGrade, ReportCardArea } from '../../src/lib/domain/analysis/soft-intelligence';
import { URNS } from './analysis-fixtures';

export type Inspection =
	| { type: 'ofsted_legacy'; date: string; grade: OfstedLegacyGrade; endDate?: string }
	| { type: 'ofsted_report_card'; date: string; areas: ReportCardArea[]; safeguardingMet?: boolean; endDate?: string };

/** Adds one inspection to a school's register; its id as the engine's entries carry it. */
export async function addInspection(db: Db, urn: number, i: Inspection): Promise<string> {
	const row = await db
		.insertInto('soft_intelligence')
		.values({
			urn,
			type: i.type,
			date: i.date,
			end_date: i.endDate ?? null,
			details: '',
			source: 'adviser',
			grade: i.type === 'ofsted_legacy' ? i.grade : null,
			areas_json: i.type === 'ofsted_report_card' ? JSON.stringify(i.areas) : null,
			safeguarding_met: i.type === 'ofsted_report_card' ? (i.safeguardingMet === false ? 0 : 1) : null,
			created_by: null,
			created_at: nowIso(),
			ended_by: null,
			ended_at: i.endDate ? nowIso() : null
		})
		.returning('id')
		.executeTakeFirstOrThrow();
	return String(row.id);
}

/**
 * One school of the small LA in each status on 22 November 2026, and one that is not:
 * - Ashdown: a report card with Achievement Urgent improvement → requires significant improvement;
 * - Elm: a report card with Leadership and governance Urgent improvement → special measures;
 * - Birchwood: Requires improvement twice → eligible for RISE targeted intervention;
 * - Dale: Requires improvement once, after Good → none.
 */
export async function schoolsWithStatuses(db: Db) {
	return {
		ashdown: await addInspection(db, URNS.intensive, {
			type: 'ofsted_report_card',
			date: '2026-02-10',
			areas: [
				{ area: 'Achievement', grade: 'urgent_improvement' },
				{ area: 'Leadership and governance', grade: 'needs_attention' }
			]
		}),
		elm: await addInspection(db, URNS.focus, {
			type: 'ofsted_report_card',
			date: '2026-03-05',
			areas: [
				{ area: 'Curriculum and teaching', grade: 'needs_attention' },
				{ area: 'Leadership and governance', grade: 'urgent_improvement' }
			]
		}),
		birchwood: [
			await addInspection(db, URNS.secure, { type: 'ofsted_legacy', date: '2021-06-10', grade: 'requires_improvement' }),
			await addInspection(db, URNS.secure, { type: 'ofsted_legacy', date: '2024-05-15', grade: 'requires_improvement' })
		],
		dale: [
			await addInspection(db, URNS.lightTouch, { type: 'ofsted_legacy', date: '2019-01-10', grade: 'good' }),
			await addInspection(db, URNS.lightTouch, { type: 'ofsted_legacy', date: '2024-01-10', grade: 'requires_improvement' })
		]
	};
}
