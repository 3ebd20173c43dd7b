// Each LA may have a policy of its own; the analysis categorises each LA on its own policy, in a run
// of its own. An installation where no LA has one goes on as before: one run for every school.
import { describe, expect, it } from 'vitest';
import { freshDb } from '../helpers/db';
import { smallLa, URNS } from './analysis-fixtures';
import { adoptDraft, adoptedPolicy, createDraft, getPolicyVersion, lasWithOwnPolicy, latestRunFor, runAnalysis, whatIf } from '../../src/lib/server/analysis';
import type { Db } from '../../src/lib/server/db';
import { policyChoices } from '../../src/lib/server/las';

const HAMPSHIRE = [URNS.intensive, URNS.secure, URNS.securePlus];

async function twoLas(db: Db) {
	const people = await smallLa(db);
	await db.updateTable('schools').set({ la_code: '850' }).where('urn', 'in', HAMPSHIRE).execute();
	await db.updateTable('schools').set({ la_code: '936' }).where('urn', 'not in', HAMPSHIRE).execute();
	return people;
}

const runRows = (db: Db) => db.selectFrom('analysis_runs').select(['id', 'la_code', 'policy_version_id', 'school_count']).orderBy('id').execute();
const categoryRuns = async (db: Db) =>
	new Map((await db.selectFrom('school_categories').select(['urn', 'run_id']).where('year', '=', 2019).execute()).map((c) => [c.urn, c.run_id]));

describe('a policy for each LA', () => {
	it('while no LA has its own, one run categorises every school, as before', async () => {
		const db = await freshDb();
		const people = await twoLas(db);
		const { runs } = await runAnalysis(db, { userId: people.analyst.id });
		expect(runs).toHaveLength(1);
		const [run] = await runRows(db);
		expect(run.la_code).toBeNull();
		expect(run.policy_version_id).toBe((await adoptedPolicy(db)).rowId);
	});

	it('an LA’s own policy is adopted beside the installation’s, and its runs use it', async () => {
		const db = await freshDb();
		const people = await twoLas(db);
		const installation = await adoptedPolicy(db);
		const draft = await createDraft(db, people.admin.id, '936');
		expect((await adoptedPolicy(db, '936')).rowId).toBe(installation.rowId);
		await adoptDraft(db, draft, people.admin.id, 'Surrey’s own thresholds');
		expect(await lasWithOwnPolicy(db)).toEqual(['936']);
		expect((await adoptedPolicy(db, '936')).rowId).toBe(draft);
		expect((await adoptedPolicy(db, '936')).laCode).toBe('936');
		// The installation's policy is still adopted, and every other LA uses it.
		expect((await adoptedPolicy(db)).rowId).toBe(installation.rowId);
		expect((await adoptedPolicy(db, '850')).rowId).toBe(installation.rowId);

		const { runs, results } = await runAnalysis(db, { userId: people.analyst.id });
		expect(runs).toHaveLength(2);
		const rows = await runRows(db);
		expect(rows.map((r) => [r.la_code, r.policy_version_id])).toEqual([
			['850', installation.rowId],
			['936', draft]
		]);
		expect(rows[0].school_count).toBe(3);
		expect(results.length).toBe(rows[0].school_count + rows[1].school_count);

		// A new installation draft, adopted, replaces the installation's only.
		const next = await createDraft(db, people.admin.id);
		await adoptDraft(db, next, people.admin.id, 'New thresholds for everyone');
		expect((await adoptedPolicy(db)).rowId).toBe(next);
		expect((await adoptedPolicy(db, '936')).rowId).toBe(draft);
	});

	it('the last run, as someone who serves one LA sees it, counts that LA’s schools only', async () => {
		const db = await freshDb();
		const people = await twoLas(db);
		const { run } = await runAnalysis(db, { userId: people.analyst.id });
		expect(run.laCode).toBeNull();
		const all = await latestRunFor(db, 2019, null);
		const mine = await latestRunFor(db, 2019, ['850']);
		expect(all!.schoolCount).toBe(6);
		expect(mine).toMatchObject({ id: run.id, schoolCount: 3 });
		expect(Object.values(mine!.counts).reduce((n, c) => n + c, 0)).toBe(3);
		expect(await latestRunFor(db, 2018, ['850'])).toBeNull();
	});

	it('an admin limited to the one LA an installation knows may draft that LA’s own policy, not the shared one', async () => {
		const db = await freshDb();
		await smallLa(db);
		await db.updateTable('schools').set({ la_code: '850' }).execute();
		expect(await policyChoices(db, { laCodes: ['850'] })).toEqual({ las: [expect.objectContaining({ code: '850' })], everyLa: false });
		expect(await policyChoices(db, { laCodes: [] })).toEqual({ las: [], everyLa: true });
		// With several LAs, as before: theirs only.
		await db.updateTable('schools').set({ la_code: '936' }).where('urn', '=', URNS.focus).execute();
		expect((await policyChoices(db, { laCodes: ['850'] })).las.map((l) => l.code)).toEqual(['850']);
	});

	it('a run for some LAs leaves the others’ categories alone', async () => {
		const db = await freshDb();
		const people = await twoLas(db);
		await runAnalysis(db, { userId: people.analyst.id });
		const before = await categoryRuns(db);
		const { runs } = await runAnalysis(db, { userId: people.analyst.id, las: ['850'] });
		expect(runs.map((r) => r.schoolCount)).toEqual([3]);
		expect((await runRows(db)).at(-1)!.la_code).toBe('850');
		const after = await categoryRuns(db);
		for (const [urn, runId] of after) expect(runId, `${urn}`).toBe(HAMPSHIRE.includes(urn as never) ? runs[0].id : before.get(urn));
	});

	it('what a draft of an LA’s policy would do is worked out on that LA’s schools, against the policy it uses now', async () => {
		const db = await freshDb();
		const people = await twoLas(db);
		const draft = (await getPolicyVersion(db, await createDraft(db, people.admin.id, '850')))!;
		expect(draft.laCode).toBe('850');
		const mine = await whatIf(db, draft.policy, { la: '850' });
		const everyone = await whatIf(db, draft.policy);
		expect(mine.comparison.total).toBe(3);
		expect(everyone.comparison.total).toBeGreaterThan(3);
	});

	it('a draft of the policy every LA shares is worked out on the schools it categorises, and only the asking admin’s', async () => {
		const db = await freshDb();
		const people = await twoLas(db);
		const shared = (await getPolicyVersion(db, await createDraft(db, people.admin.id)))!;
		const total = (await whatIf(db, shared.policy)).comparison.total;
		// An admin who serves 850 sees Hampshire's schools only.
		const hampshire = (await whatIf(db, shared.policy, { served: ['850'] })).comparison.total;
		expect(hampshire).toBe(HAMPSHIRE.length);
		expect((await whatIf(db, shared.policy, { served: ['936'] })).comparison.total).toBe(total - hampshire);
		// Once 850 has a policy of its own, the shared one no longer categorises its schools.
		await adoptDraft(db, await createDraft(db, people.admin.id, '850'), people.admin.id, 'Hampshire’s own');
		expect((await whatIf(db, shared.policy)).comparison.total).toBe(total - hampshire);
		expect((await whatIf(db, shared.policy, { served: ['850'] })).comparison.total).toBe(0);
	});
});
