import type { Db } from '../db';
import { audit } from '../audit';
import { nowIso, today } from '../clock';
import { Refusal } from '../../domain/refusal';
import { adoptedPolicy, lasWithOwnPolicy, type StoredPolicy } from './policy-store';
import { analysisYears, asOfFor, loadInputs } from './inputs';
import { syncOfstedFromRegister } from '../soft-intelligence/ofsted-sync';
import { CATEGORIES, type Category } from '../../domain/analysis/categories';
import { categoriseAll, type CategoriseInput, type CategoriseResult } from '../../domain/analysis/engine';
import { academicYearLabel } from '../../domain/ks2/types';
import { oneAtATime } from '../db/dialect';

export interface RunSummary {
	id: number;
	year: number;
	asOf: string;
	policyId: string;
	policyVersion: number;
	runAt: string;
	runBy: string | null;
	schoolCount: number;
	counts: Record<Category, number>;
	/** The LA it categorised; null when it categorised every school at once. */
	laCode: string | null;
}

export interface RunOutcome {
	/** The run, or the last of them when each LA had one. */
	run: RunSummary;
	/** Every run made: one, or one per LA. */
	runs: RunSummary[];
	results: CategoriseResult[];
	/** Schools whose proposal is new or differs from the one before. */
	changed: number;
}

/** Which year to analyse: the one asked for (it must have data), or the latest with data. */
export async function resolveYear(db: Db, requested: number | null): Promise<number> {
	const years = await analysisYears(db);
	if (years.length === 0) throw new Refusal('There are no KS2 results yet. Import a KS2 file first.');
	if (requested === null) return years[0];
	if (!years.includes(requested)) {
		const have = years.map(academicYearLabel).join(', ');
		throw new Refusal(`There are no KS2 results for ${academicYearLabel(requested)}. Years with results: ${have}.`, { field: 'year' });
	}
	return requested;
}

function countsOf(results: readonly CategoriseResult[]): Record<Category, number> {
	const counts = Object.fromEntries(CATEGORIES.map((c) => [c, 0])) as Record<Category, number>;
	for (const r of results) counts[r.category]++;
	return counts;
}

/**
 * Runs the desktop analysis for a year, and stores each run, every school's result, and each
 * school's new proposal (docs/categories.md, Moderation).
 * - A school with no category yet gets the proposal.
 * - A changed proposal replaces a category nobody has touched, and clears any agreement: the evidence
 *   moved, so a lead adviser agrees again. An adviser's change stands; the new proposal sits beside it.
 * - An unchanged proposal changes nothing but the run it points to.
 *
 * Each LA is categorised on its own policy (policy-store.ts `adoptedPolicy`), in a run of its own
 * for `las` (null: every LA). While no LA has a policy of its own and every LA is asked for, one
 * run categorises every school, as an installation for one LA always has. All the runs are written
 * in one transaction: all of them, or none.
 */
export async function runAnalysis(
	db: Db,
	options: { year?: number | null; userId: number | null; today?: string; las?: readonly string[] | null }
): Promise<RunOutcome> {
	const year = await resolveYear(db, options.year ?? null);
	await syncOfstedFromRegister(db, options.userId);
	const now = nowIso();
	const asOf = asOfFor(year, options.today ?? today());
	const inputs = await loadInputs(db, year, asOf);
	if (inputs.length === 0) throw new Refusal('The school register is empty. Import the GIAS register first.');
	const groups = await runGroups(db, inputs, options.las ?? null);
	if (groups.length === 0) throw new Refusal('There are no open schools in the register for the LAs asked for.');
	const runs = groups.map((g) => ({ ...g, results: categoriseAll(g.inputs, g.stored.policy) }));
	return db.transaction().execute(async (trx) => {
		// Two runs of a year at once (two app servers) are stored one after the other: each reads the categories the other left.
		await oneAtATime(trx, 'analysis', year);
		const outcomes: RunOutcome[] = [];
		for (const r of runs) outcomes.push(await storeRun(trx, { year, asOf, now, userId: options.userId, la: r.la, stored: r.stored, results: r.results }));
		return {
			run: outcomes[outcomes.length - 1].run,
			runs: outcomes.map((o) => o.run),
			results: outcomes.flatMap((o) => o.results),
			changed: outcomes.reduce((n, o) => n + o.changed, 0)
		};
	});
}

interface RunGroup {
	/** The LA the run is for; null for every school at once, or for schools whose LA is not known. */
	la: string | null;
	stored: StoredPolicy;
	inputs: CategoriseInput[];
}

/** Which runs to make: one for every school, or one per LA asked for, each with its policy. */
async function runGroups(db: Db, inputs: CategoriseInput[], las: readonly string[] | null): Promise<RunGroup[]> {
	if (las === null && (await lasWithOwnPolicy(db)).length === 0) return [{ la: null, stored: await adoptedPolicy(db), inputs }];
	const laOf = new Map((await db.selectFrom('schools').select(['urn', 'la_code']).execute()).map((s) => [s.urn, s.la_code]));
	const codes = las ?? [...new Set(inputs.map((i) => laOf.get(i.school.urn) ?? null).filter((c) => c !== null))].sort();
	const groups: RunGroup[] = [];
	for (const la of codes) {
		const mine = inputs.filter((i) => laOf.get(i.school.urn) === la);
		if (mine.length > 0) groups.push({ la, stored: await adoptedPolicy(db, la), inputs: mine });
	}
	const unknown = las === null ? inputs.filter((i) => (laOf.get(i.school.urn) ?? null) === null) : [];
	if (unknown.length > 0) groups.push({ la: null, stored: await adoptedPolicy(db), inputs: unknown });
	return groups;
}

interface RunToStore {
	year: number;
	asOf: string;
	now: string;
	userId: number | null;
	la: string | null;
	stored: StoredPolicy;
	results: CategoriseResult[];
}

/** Stores one run and the proposals it makes, in the caller's transaction. */
async function storeRun(trx: Db, toStore: RunToStore): Promise<RunOutcome> {
	const { year, asOf, now, userId, stored, results, la } = toStore;
	const counts = countsOf(results);
	const run = await trx
		.insertInto('analysis_runs')
		.values({
			year,
			as_of: asOf,
			policy_version_id: stored.rowId,
			policy_id: stored.policy.id,
			policy_version: stored.policy.version,
			run_by: userId,
			run_at: now,
			school_count: results.length,
			counts_json: JSON.stringify(counts),
			la_code: la
		})
		.returning('id')
		.executeTakeFirstOrThrow();
	for (let i = 0; i < results.length; i += 100) {
		await trx
			.insertInto('analysis_results')
			.values(
				results.slice(i, i + 100).map((r) => ({
					run_id: run.id,
					urn: r.urn,
					category: r.category,
					confidence: r.confidence,
					needs_confirmation: r.needsConfirmation ? 1 : 0,
					below_two_years: r.signals.persistence?.belowYears[1] != null ? 1 : 0,
					no_ks2_data: r.signals.noKs2Data != null ? 1 : 0,
					deciding_rule: r.decidingRule,
					result_json: JSON.stringify(r)
				}))
			)
			.execute();
	}
	const existing = new Map((await trx.selectFrom('school_categories').selectAll().where('year', '=', year).execute()).map((s) => [s.urn, s]));
	const fresh = results.filter((r) => !existing.has(r.urn));
	const same = results.filter((r) => existing.get(r.urn)?.proposed_category === r.category).map((r) => r.urn);
	const history = { year, run_id: run.id, user_id: userId, at: now };
	for (let i = 0; i < fresh.length; i += 100) {
		const batch = fresh.slice(i, i + 100);
		await trx
			.insertInto('school_categories')
			.values(
				batch.map((r) => ({
					urn: r.urn,
					year,
					proposed_category: r.category,
					run_id: run.id,
					category: r.category,
					changed_by_adviser: 0,
					agreed_by: null,
					agreed_at: null,
					updated_at: now
				}))
			)
			.execute();
		await trx
			.insertInto('category_history')
			.values(batch.map((r) => ({ ...history, urn: r.urn, action: 'proposed' as const, from_category: null, to_category: r.category, reason: r.summary })))
			.execute();
	}
	for (const r of fresh)
		await audit(trx, { userId, action: 'category.propose', entity: 'school', entityId: r.urn, after: { year, category: r.category, runId: run.id } });
	for (let i = 0; i < same.length; i += 500) {
		await trx
			.updateTable('school_categories')
			.set({ run_id: run.id })
			.where('year', '=', year)
			.where('urn', 'in', same.slice(i, i + 500))
			.execute();
	}
	let changed = fresh.length;
	for (const r of results) {
		const before = existing.get(r.urn);
		if (!before || before.proposed_category === r.category) continue;
		changed++;
		// An adviser's category stands against a new proposal; one the new proposal now matches is the proposal again.
		const keepAdviser = before.changed_by_adviser === 1 && before.category !== r.category;
		const category = keepAdviser ? before.category : r.category;
		await trx
			.updateTable('school_categories')
			.set({
				proposed_category: r.category,
				run_id: run.id,
				category,
				changed_by_adviser: keepAdviser ? 1 : 0,
				agreed_by: null,
				agreed_at: null,
				updated_at: now
			})
			.where('urn', '=', r.urn)
			.where('year', '=', year)
			.execute();
		const reason = keepAdviser ? `${r.summary} The category an adviser set stands until a lead adviser agrees it again.` : r.summary;
		await trx
			.insertInto('category_history')
			.values({
				...history,
				urn: r.urn,
				action: keepAdviser ? 'proposal_changed' : 'proposed',
				from_category: before.proposed_category,
				to_category: r.category,
				reason
			})
			.execute();
		await audit(trx, {
			userId,
			action: 'category.propose',
			entity: 'school',
			entityId: r.urn,
			before: { year, proposed: before.proposed_category, category: before.category, agreed: before.agreed_at !== null },
			after: { year, proposed: r.category, category, runId: run.id }
		});
	}
	await audit(trx, {
		userId,
		action: 'analysis.run',
		entity: 'analysis_run',
		entityId: run.id,
		after: { year, policy: `${stored.policy.id} v${stored.policy.version}`, counts, changed, ...(la !== null && { la }) }
	});
	const summary = await getRun(trx, run.id);
	return { run: summary!, runs: [summary!], results, changed };
}

function runQuery(db: Db) {
	return db
		.selectFrom('analysis_runs as r')
		.leftJoin('users as u', 'u.id', 'r.run_by')
		.select([
			'r.id',
			'r.year',
			'r.as_of',
			'r.policy_id',
			'r.policy_version',
			'r.run_at',
			'r.school_count',
			'r.counts_json',
			'r.la_code',
			'u.name as run_by_name'
		]);
}

function toSummary(r: Awaited<ReturnType<ReturnType<typeof runQuery>['executeTakeFirstOrThrow']>>): RunSummary {
	return {
		id: r.id,
		year: r.year,
		asOf: r.as_of,
		policyId: r.policy_id,
		policyVersion: r.policy_version,
		runAt: r.run_at,
		runBy: r.run_by_name,
		schoolCount: r.school_count,
		counts: JSON.parse(r.counts_json) as Record<Category, number>,
		laCode: r.la_code
	};
}

export async function getRun(db: Db, id: number): Promise<RunSummary | null> {
	const row = await runQuery(db).where('r.id', '=', id).executeTakeFirst();
	return row ? toSummary(row) : null;
}

/** Runs for a year, newest first; `las`: those for every school or for these LAs (null: every run). */
export async function runsForYear(db: Db, year: number, limit = 10, las: readonly string[] | null = null): Promise<RunSummary[]> {
	return (
		await runQuery(db)
			.where('r.year', '=', year)
			.$if(las !== null, (qb) => qb.where((eb) => eb.or([eb('r.la_code', 'is', null), eb('r.la_code', 'in', las!)])))
			.orderBy('r.id', 'desc')
			.limit(limit)
			.execute()
	).map(toSummary);
}

/**
 * The latest run of a year as someone who serves `las` sees it: a run of every LA at once counts
 * only their schools, so they are not told of another LA's proposals. Null before the first run.
 */
export async function latestRunFor(db: Db, year: number, las: readonly string[] | null): Promise<RunSummary | null> {
	const [run] = await runsForYear(db, year, 1, las);
	if (!run || las === null || run.laCode !== null) return run ?? null;
	const rows = await db
		.selectFrom('analysis_results as a')
		.innerJoin('schools as s', 's.urn', 'a.urn')
		.select(['a.category', (eb) => eb.fn.countAll<number>().as('n')])
		.where('a.run_id', '=', run.id)
		.where('s.la_code', 'in', las.length > 0 ? [...las] : [''])
		.groupBy('a.category')
		.execute();
	const counts = Object.fromEntries(CATEGORIES.map((c) => [c, 0])) as Record<Category, number>;
	for (const r of rows) counts[r.category] = Number(r.n);
	return { ...run, counts, schoolCount: rows.reduce((n, r) => n + Number(r.n), 0) };
}

/** Every school's stored result in a run, by URN. */
export async function runResults(db: Db, runId: number, urns?: readonly number[]): Promise<Map<number, CategoriseResult>> {
	let q = db.selectFrom('analysis_results').select(['urn', 'result_json']).where('run_id', '=', runId);
	if (urns) {
		if (urns.length === 0) return new Map();
		q = q.where('urn', 'in', urns);
	}
	return new Map((await q.execute()).map((r) => [r.urn, JSON.parse(r.result_json) as CategoriseResult]));
}
