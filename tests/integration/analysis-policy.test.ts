import { describe, expect, it } from 'vitest';
import { freshDb } from '../helpers/db';
import { smallLa, URNS } from './analysis-fixtures';
import {
	adoptDraft,
	adoptedPolicy,
	categoryStates,
	createDraft,
	discardDraft,
	draftBasis,
	getPolicyVersion,
	listPolicyVersions,
	runAnalysis,
	saveDraft,
	whatIf
} from '../../src/lib/server/analysis';
import { DEFAULT_POLICY } from '../../src/lib/domain/analysis/policy';
import { insertRecord } from '../../src/lib/server/quality-mark/records';
import { Refusal } from '../../src/lib/domain/refusal';

/** The admin form's fields for a policy: numbers as strings, as a browser sends them. */
function formOf(policy = DEFAULT_POLICY, change: { belowGap?: string; rules?: typeof DEFAULT_POLICY.rules } = {}) {
	const thresholds = Object.fromEntries(Object.entries(policy.thresholds).map(([k, v]) => [k, String(v)]));
	if (change.belowGap !== undefined) thresholds.belowGap = change.belowGap;
	return { name: 'Tuned for Testshire', thresholds, rules: change.rules ?? policy.rules };
}

describe('the stored policy and the what-if tool', () => {
	it('starts with afo-default-1 version 1 adopted, exactly the engine’s default', async () => {
		const db = await freshDb();
		const adopted = await adoptedPolicy(db);
		expect(adopted.status).toBe('adopted');
		expect(adopted.policy).toEqual(DEFAULT_POLICY);
	});

	it('shows what a draft would move, changes nothing until adopted, and then runs with the new version', async () => {
		const db = await freshDb();
		const { admin, analyst } = await smallLa(db);
		await runAnalysis(db, { userId: analyst.id });
		const draftId = await createDraft(db, admin.id);
		// "Below" from -10 to -1: Birchwood (2 points below England in 2019) becomes Light touch.
		const saved = await saveDraft(db, draftId, formOf(DEFAULT_POLICY, { belowGap: '-1' }), admin.id);
		expect(saved).toMatchObject({ id: 'afo-default-1', version: 2, name: 'Tuned for Testshire' });

		const { year, comparison } = await whatIf(db, saved);
		expect(year).toBe(2019);
		expect(comparison.total).toBe(6);
		expect(comparison.moved.map((m) => [m.urn, m.from, m.to, m.decidingRule])).toEqual([[URNS.secure, 'secure', 'light_touch', 'L1']]);
		expect(comparison.moved[0].reasons[0].sentence).toMatch(/2 points below England/);
		expect(comparison.matrix[1][2]).toBe(1);

		// Nothing changed: v1 is still adopted, and a run still uses it.
		expect((await adoptedPolicy(db)).policy.version).toBe(1);
		expect((await runAnalysis(db, { userId: analyst.id })).run.policyVersion).toBe(1);
		expect((await categoryStates(db, 2019, URNS.secure))[0].category).toBe('secure');

		const adopted = await adoptDraft(db, draftId, admin.id, 'Schools a point below England need a light touch too');
		expect(adopted.version).toBe(2);
		const versions = await listPolicyVersions(db);
		expect(versions[0].adoptionReason).toBe('Schools a point below England need a light touch too');
		expect(versions.map((v) => [v.policy.version, v.status])).toEqual([
			[2, 'adopted'],
			[1, 'superseded']
		]);
		const log = await db.selectFrom('audit_log').selectAll().where('action', '=', 'policy.adopt').executeTakeFirstOrThrow();
		expect(log).toMatchObject({ user_id: admin.id, entity: 'policy', entity_id: String(draftId) });
		expect(JSON.parse(log.after_json!).thresholds.belowGap).toBe(-1);
		expect(JSON.parse(log.after_json!).reason).toBe('Schools a point below England need a light touch too');
		expect(JSON.parse(log.before_json!).version).toBe(1);

		const next = await runAnalysis(db, { userId: analyst.id });
		expect(next.run).toMatchObject({ policyId: 'afo-default-1', policyVersion: 2 });
		expect((await categoryStates(db, 2019, URNS.secure))[0].category).toBe('light_touch');
		const runs = await db.selectFrom('analysis_runs').select(['policy_version', 'policy_version_id']).orderBy('id').execute();
		expect(runs.map((r) => r.policy_version)).toEqual([1, 1, 2]);
	});

	it('will not let a draft made before the version now in use undo that version unless the admin ticks to say so', async () => {
		const db = await freshDb();
		const { admin } = await smallLa(db);
		const first = await createDraft(db, admin.id);
		const second = await createDraft(db, admin.id);
		await saveDraft(db, first, formOf(DEFAULT_POLICY, { belowGap: '-1' }), admin.id);
		await adoptDraft(db, first, admin.id, 'Schools a point below England need a light touch too');
		expect(await draftBasis(db, (await getPolicyVersion(db, second))!)).toEqual({ version: 1, outdated: true });

		const refused = (await adoptDraft(db, second, admin.id, 'Our own thresholds').catch((e) => e)) as Refusal;
		expect(refused).toBeInstanceOf(Refusal);
		expect(refused.errors).toEqual({
			'over-newer':
				'Version 2 was adopted after this draft was made, so adopting the draft would undo any change version 2 made. Tick the box to adopt it anyway, or start a new draft from version 2.'
		});
		expect((await adoptedPolicy(db)).policy).toMatchObject({ version: 2, thresholds: { belowGap: -1 } });

		expect(await adoptDraft(db, second, admin.id, 'Our own thresholds', { overNewer: true })).toMatchObject({ version: 3, thresholds: { belowGap: -10 } });
		const third = (await getPolicyVersion(db, await createDraft(db, admin.id)))!;
		expect(await draftBasis(db, third)).toEqual({ version: 3, outdated: false });
	});

	it('refuses a draft that breaks the rules, saying what to fix, and keeps the draft as it was', async () => {
		const db = await freshDb();
		const { admin } = await smallLa(db);
		const draftId = await createDraft(db, admin.id);
		const swapped = [...DEFAULT_POLICY.rules];
		[swapped[0], swapped[8]] = [swapped[8], swapped[0]];
		const error = await saveDraft(db, draftId, { ...formOf(DEFAULT_POLICY, { belowGap: 'ten', rules: swapped }) }, admin.id).catch((e) => e);
		expect(error).toBeInstanceOf(Refusal);
		expect(error.errors).toMatchObject({ 'thresholds.belowGap': 'Enter a number for "Below England (points)"' });
		const order = await saveDraft(db, draftId, formOf(DEFAULT_POLICY, { rules: swapped }), admin.id).catch((e) => e);
		expect(order.errors.rules).toMatch(/put rules that give more support first/);
		expect((await getPolicyVersion(db, draftId))!.policy).toEqual({ ...DEFAULT_POLICY, version: 2 });
	});

	it('lets a rule be switched off, discards drafts, and will not edit an adopted version', async () => {
		const db = await freshDb();
		const { admin } = await smallLa(db);
		const draftId = await createDraft(db, admin.id);
		const rules = DEFAULT_POLICY.rules.map((r) => (r.id === 'F2' ? { ...r, enabled: false } : r));
		const saved = await saveDraft(db, draftId, formOf(DEFAULT_POLICY, { rules }), admin.id);
		const { comparison } = await whatIf(db, saved);
		expect(comparison.moved.map((m) => [m.urn, m.to])).toEqual([[URNS.focus, 'secure']]);
		await discardDraft(db, draftId, admin.id);
		expect(await getPolicyVersion(db, draftId)).toBeNull();
		const adopted = await adoptedPolicy(db);
		const refused = await saveDraft(db, adopted.rowId, formOf(), admin.id).catch((e) => e);
		expect(refused).toBeInstanceOf(Refusal);
		expect(refused.message).toBe('Only a draft can be changed. Make a new draft from the adopted policy.');
		expect(await db.selectFrom('audit_log').select('action').where('entity', '=', 'policy').orderBy('id').execute()).toEqual([
			{ action: 'policy.draft' },
			{ action: 'policy.draft_update' },
			{ action: 'policy.draft_discard' }
		]);
	});

	it('counts a current Quality Mark as capacity only once an admin switches rule P2 on', async () => {
		const db = await freshDb();
		const { admin, analyst } = await smallLa(db);
		// Birchwood (Secure on its 2018/19 results) holds a Basic Skills award through the 2018/19 analysis date.
		await insertRecord(db, {
			urn: URNS.secure,
			frameworkKey: 'basic_skills',
			status: 'achieved',
			statusChangedOn: '2018-07-14',
			awardDate: '2018-07-14',
			expiryDate: '2021-07-13',
			visitDate: null,
			feedback: null
		});
		const { results } = await runAnalysis(db, { userId: analyst.id });
		expect(results.find((r) => r.urn === URNS.secure)).toMatchObject({ category: 'secure', decidingRule: null, firedRules: [] });

		const draftId = await createDraft(db, admin.id);
		const rules = DEFAULT_POLICY.rules.map((r) => (r.id === 'P2' ? { ...r, enabled: true } : r));
		const saved = await saveDraft(db, draftId, formOf(DEFAULT_POLICY, { rules }), admin.id);
		const { comparison } = await whatIf(db, saved);
		expect(comparison.moved.map((m) => [m.urn, m.from, m.to, m.decidingRule])).toEqual([[URNS.secure, 'secure', 'secure_plus', 'P2']]);
		expect(comparison.moved[0].reasons.map((r) => r.sentence)).toEqual([
			'Holds the Basic Skills Quality Mark (awarded 14 July 2018, current until 13 July 2021), which this policy counts as capacity to improve and to lead support for others.'
		]);
	});
});
