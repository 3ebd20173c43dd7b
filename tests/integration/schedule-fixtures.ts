/** A small LA for the schedule tests: advisers, schools with link advisers, agreed categories. */
import type { Db } from '../../src/lib/server/db';
import type { SessionUser } from '../../src/lib/server/auth/session';
import { nowIso } from '../../src/lib/server/clock';
import type { Category } from '../../src/lib/domain/analysis/categories';
import { addSchool, addUser } from '../helpers/fixtures';

/**
 * Records agreed categories for a results year (2026 = the 2025/26 results, planned for 2026/27)
 * the way the analysis leaves them: a run, then each school's category agreed by a lead adviser.
 */
export async function agreeCategories(db: Db, resultsYear: number, categories: Record<number, Category>, agreedBy: number | null = null): Promise<void> {
	const policy = await db.selectFrom('policy_versions').select(['id', 'policy_id', 'version']).where('status', '=', 'adopted').executeTakeFirstOrThrow();
	const now = nowIso();
	const run = await db
		.insertInto('analysis_runs')
		.values({
			year: resultsYear,
			as_of: now.slice(0, 10),
			policy_version_id: policy.id,
			policy_id: policy.policy_id,
			policy_version: policy.version ?? 1,
			run_by: null,
			run_at: now,
			school_count: 0,
			counts_json: '{}'
		})
		.returning('id')
		.executeTakeFirstOrThrow();
	for (const [urn, category] of Object.entries(categories)) {
		await db
			.insertInto('school_categories')
			.values({
				urn: Number(urn),
				year: resultsYear,
				proposed_category: category,
				run_id: run.id,
				category,
				changed_by_adviser: 0,
				agreed_by: agreedBy,
				agreed_at: now,
				updated_at: now
			})
			.onConflict((oc) => oc.columns(['urn', 'year']).doUpdateSet({ category, proposed_category: category, run_id: run.id, agreed_at: now, updated_at: now }))
			.execute();
	}
}

export interface ScheduleWorld {
	admin: SessionUser;
	analyst: SessionUser;
	lead: SessionUser;
	adviserA: SessionUser;
	adviserB: SessionUser;
	head: SessionUser;
	/** Planned school year (summer): 2027 = 2026/27. */
	year: number;
	urns: { focus: number; secure: number; intensive: number; lightTouch: number; securePlus: number; otherSecure: number };
}

/**
 * Six schools, two advisers and a lead adviser. Adviser A links the Focus, Secure, Light touch and
 * Secure Plus schools; adviser B the Intensive school and another Secure school. The head runs the
 * Focus school. Categories for 2026/27 are agreed.
 */
export async function scheduleWorld(db: Db): Promise<ScheduleWorld> {
	const admin = await addUser(db, 'admin');
	const analyst = await addUser(db, 'analyst');
	const lead = await addUser(db, 'lead_adviser');
	const adviserA = await addUser(db, 'adviser');
	const adviserB = await addUser(db, 'adviser');
	const urns = { focus: 200001, secure: 200002, intensive: 200003, lightTouch: 200004, securePlus: 200005, otherSecure: 200006 };
	await addSchool(db, urns.focus, { name: 'Ashgrove Primary', link_adviser_id: adviserA.id });
	await addSchool(db, urns.secure, { name: 'Birchfield Primary', link_adviser_id: adviserA.id });
	await addSchool(db, urns.intensive, { name: 'Cedar Lane Primary', link_adviser_id: adviserB.id });
	await addSchool(db, urns.lightTouch, { name: 'Dove Street Primary', link_adviser_id: adviserA.id });
	await addSchool(db, urns.securePlus, { name: 'Elmhurst Primary', link_adviser_id: adviserA.id });
	await addSchool(db, urns.otherSecure, { name: 'Fernhill Primary', link_adviser_id: adviserB.id });
	const head = await addUser(db, 'headteacher', [urns.focus]);
	await agreeCategories(
		db,
		2026,
		{
			[urns.focus]: 'focus',
			[urns.secure]: 'secure',
			[urns.intensive]: 'intensive',
			[urns.lightTouch]: 'light_touch',
			[urns.securePlus]: 'secure_plus',
			[urns.otherSecure]: 'secure'
		},
		lead.id
	);
	return { admin, analyst, lead, adviserA, adviserB, head, year: 2027, urns };
}

/** The day before the 2026/27 year starts: the whole year is plannable. */
export const BEFORE_YEAR = '2026-08-20';
