import { describe, expect, it } from 'vitest';
import { qualityMarkDashboard } from '../../src/lib/server/quality-mark/table';
import { freshDb } from '../helpers/db';
import { rejection } from '../helpers/rejection';
import type { Db } from '../../src/lib/server/db';
import { nowIso } from '../../src/lib/server/clock';
import type { Role } from '../../src/lib/domain/roles';
import {
	canTransition,
	FRAMEWORKS,
	QM_STATUSES,
	QM_STATUS_LABELS,
	type ElementsSelfAudit,
	type QmStatus,
	type StoredStatus
} from '../../src/lib/domain/quality-mark';
import {
	assessmentVisits,
	bookAssessmentVisit,
	changeStatus,
	currentQualityMarkHolders,
	expiringQualityMarks,
	listFrameworks,
	nominateColleague,
	parseFilters,
	qualityMarkCsv,
	qualityMarkForSchool,
	qualityMarkStatusByUrn,
	qualityMarkTable,
	recordAwardDecision,
	saveReview,
	saveSelfAudit,
	submitSelfAudit,
	type Actor
} from '../../src/lib/server/quality-mark';
import { insertRecord } from '../../src/lib/server/quality-mark/records';
import { neutraliseCell } from '../../src/lib/server/csv';
import { seedDemoQualityMarks } from '../../scripts/demo/quality-marks';
import { BS, completeAudit, completeBasicSkills, completePd, completeReview, PD } from './quality-mark-fixtures';
import { Refusal } from '../../src/lib/domain/refusal';

const TODAY = '2026-03-02';
/** A term-time Wednesday before TODAY: a visit already held, so the decision can follow it. */
const VISIT_HELD = '2026-02-25';
/** A term-time Wednesday after TODAY, free in everyone's schedule. */
const VISIT_AHEAD = '2026-03-11';
const ASH = 100001;
const BIRCH = 100002;

async function addSchool(db: Db, urn: number, name: string) {
	const now = nowIso();
	await db
		.insertInto('schools')
		.values({
			urn,
			name,
			la_code: null,
			la_name: null,
			establishment_number: null,
			type: null,
			phase: null,
			status: 'Open',
			age_low: null,
			age_high: null,
			head_name: null,
			street: null,
			locality: null,
			town: null,
			postcode: null,
			easting: null,
			northing: null,
			ofsted_rating: null,
			ofsted_date: null,
			link_adviser_id: null,
			created_at: now,
			updated_at: now
		})
		.execute();
}

/** Users are written directly: these tests are about Quality Marks, not passwords. */
async function addUser(db: Db, name: string, role: Role, schoolUrns: number[] = []): Promise<Actor> {
	const now = nowIso();
	const { id } = await db
		.insertInto('users')
		.values({
			email: `${name.toLowerCase().replace(/\W/g, '.')}@example.org`,
			name,
			role,
			password_hash: 'not used',
			disabled_at: null,
			created_at: now,
			updated_at: now
		})
		.returning('id')
		.executeTakeFirstOrThrow();
	for (const urn of schoolUrns) await db.insertInto('user_schools').values({ user_id: id, urn }).execute();
	return { id, role, schoolUrns };
}

/** Two schools, each with a headteacher, a deputy at Ash with a headteacher-role account, and every staff role. */
async function setup() {
	const db = await freshDb();
	await addSchool(db, ASH, 'Ash Primary');
	await addSchool(db, BIRCH, 'Birch Primary');
	const adviser = await addUser(db, 'Ade Adviser', 'adviser');
	// Ade is Ash's link adviser: the adviser who manages its Quality Mark.
	await db.updateTable('schools').set({ link_adviser_id: adviser.id }).where('urn', '=', ASH).execute();
	return {
		db,
		admin: await addUser(db, 'Ada Admin', 'admin'),
		analyst: await addUser(db, 'Ali Analyst', 'analyst'),
		lead: await addUser(db, 'Lee Lead', 'lead_adviser'),
		adviser,
		otherAdviser: await addUser(db, 'Oli Other', 'adviser'),
		head: await addUser(db, 'Hana Head', 'headteacher', [ASH]),
		deputy: await addUser(db, 'Dev Deputy', 'headteacher', [ASH]),
		otherHead: await addUser(db, 'Omar Head', 'headteacher', [BIRCH])
	};
}
type Setup = Awaited<ReturnType<typeof setup>>;

/** Puts a record straight into a status, the way the lifecycle would have left it, for testing the next move. */
async function putRecord(db: Db, urn: number, key: string, status: QmStatus, setupFor: Setup) {
	const award = { achieved: '2025-09-01', renewal_due: '2023-06-01', lapsed: '2022-09-01' } as Partial<Record<QmStatus, string>>;
	const awardDate = award[status] ?? null;
	const expiry = awardDate ? `${Number(awardDate.slice(0, 4)) + 3}${awardDate.slice(4)}` : null;
	const stored: StoredStatus = awardDate ? 'achieved' : (status as StoredStatus);
	const booked = status === 'assessment_visit_booked';
	const id = await insertRecord(
		db,
		{
			urn,
			frameworkKey: key,
			status: stored,
			statusChangedOn: '2026-01-05',
			awardDate,
			expiryDate: expiry,
			visitDate: booked ? VISIT_HELD : null,
			feedback: null
		},
		booked ? setupFor.adviser.id : null
	);
	// Statuses after the school starts have a self-audit behind them: complete, and submitted once past that step.
	const started = ['self_audit_in_progress', 'audit_submitted', 'assessor_review', 'assessment_visit_booked'].includes(status);
	if (started) await completeAudit(db, id, key, status === 'self_audit_in_progress' ? null : setupFor.head.id);
	return id;
}

async function row(db: Db, urn: number, key = BS) {
	return db.selectFrom('quality_marks').selectAll().where('urn', '=', urn).where('framework_key', '=', key).executeTakeFirst();
}

async function auditActions(db: Db) {
	return db.selectFrom('audit_log').select(['action', 'entity', 'entity_id', 'user_id', 'before_json', 'after_json']).orderBy('id').execute();
}

async function historyOf(db: Db) {
	return db.selectFrom('quality_mark_history').selectAll().orderBy('id').execute();
}

function refusal(promise: Promise<unknown>): Promise<Refusal> {
	return rejection(Refusal, promise);
}

describe('frameworks are data in the database', () => {
	it('seeds exactly the two frameworks the domain defines, in order', async () => {
		const db = await freshDb();
		expect(await listFrameworks(db)).toEqual(FRAMEWORKS);
	});

	it('shows a third framework added as a row, with no code change', async () => {
		const { db, head, admin } = await setup();
		const oracy = {
			key: 'oracy',
			name: 'Oracy Quality Mark',
			shortName: 'Oracy',
			summary: 'Talk for learning across the school.',
			kind: 'elements',
			elements: [{ key: 'talk_for_learning', label: 'Talk for learning', metLooksLike: 'Pupils build on each other’s ideas in discussion.' }]
		};
		await db
			.insertInto('quality_mark_frameworks')
			.values({ key: 'oracy', position: 3, definition_json: JSON.stringify(oracy), created_at: nowIso(), updated_at: nowIso() })
			.execute();
		expect((await listFrameworks(db)).map((f) => f.key)).toEqual([BS, PD, 'oracy']);
		expect((await qualityMarkForSchool(db, ASH, TODAY)).map((m) => [m.frameworkShortName, m.status])).toEqual([
			['Basic Skills', 'not_engaged'],
			['Professional Development', 'not_engaged'],
			['Oracy', 'not_engaged']
		]);
		for (const to of ['interested', 'registered']) await changeStatus(db, admin, ASH, 'oracy', to, {}, TODAY);
		await changeStatus(db, head, ASH, 'oracy', 'self_audit_in_progress', {}, TODAY);
		const answers: ElementsSelfAudit = {
			kind: 'elements',
			elements: { talk_for_learning: { met: true, evidence: 'Debate club results', action: 'Extend to Year 3' } }
		};
		expect(await submitSelfAudit(db, head, ASH, 'oracy', answers, TODAY)).toEqual({ ok: true });
		expect((await row(db, ASH, 'oracy'))?.status).toBe('audit_submitted');
	});

	it('stops with a plain message when a framework row is not valid', async () => {
		const db = await freshDb();
		await db
			.insertInto('quality_mark_frameworks')
			.values({ key: 'broken', position: 9, definition_json: JSON.stringify({ key: 'broken', kind: 'elements' }), created_at: nowIso(), updated_at: nowIso() })
			.execute();
		await expect(listFrameworks(db)).rejects.toThrow('The Quality Mark framework broken in the database is not valid: Framework broken needs a name');
	});
});

/** The moves with their own step, and the call that makes each one. */
async function moveThroughServer(s: Setup, to: QmStatus) {
	if (to === 'audit_submitted') return submitSelfAudit(s.db, s.head, ASH, BS, completeBasicSkills(), TODAY);
	if (to === 'achieved' || to === 'not_yet_achieved') {
		return recordAwardDecision(s.db, s.adviser, ASH, BS, completeReview(to === 'achieved' ? 'award' : 'not_yet'), undefined, TODAY);
	}
	return changeStatus(s.db, s.adviser, ASH, BS, to, { visitDate: VISIT_AHEAD, note: `Moved to ${to}` }, TODAY);
}

const PAIRS = QM_STATUSES.flatMap((from) => QM_STATUSES.map((to) => [from, to] as [QmStatus, QmStatus]));

describe('every lifecycle transition through the server layer', () => {
	it.each(PAIRS.filter(([from, to]) => canTransition(from, to)))('allows %s → %s, keeps history and audits it', async (from, to) => {
		const s = await setup();
		if (from !== 'not_engaged') await putRecord(s.db, ASH, BS, from, s);
		const result = await moveThroughServer(s, to);
		if (result && typeof result === 'object' && 'ok' in result) expect(result.ok).toBe(true);
		const [mark] = await qualityMarkForSchool(s.db, ASH, TODAY);
		expect(mark.status).toBe(to);
		expect(mark.statusChangedOn).toBe(TODAY);
		const history = await historyOf(s.db);
		expect(history.map((h) => [h.from_status, h.to_status, h.changed_on])).toEqual([[from, to, TODAY]]);
		const status = (await auditActions(s.db)).filter((a) => a.action === 'quality_mark.status');
		expect(status).toHaveLength(1);
		expect(status[0].entity_id).toBe(`${ASH}/${BS}`);
		expect(JSON.parse(status[0].before_json!).shownAs).toBe(from);
		expect(JSON.parse(status[0].after_json!).status).toBe(to);
	});

	it.each(PAIRS.filter(([from, to]) => !canTransition(from, to)))('refuses %s → %s and changes nothing', async (from, to) => {
		const s = await setup();
		if (from !== 'not_engaged') await putRecord(s.db, ASH, BS, from, s);
		const before = await row(s.db, ASH);
		const auditBefore = await auditActions(s.db);
		const e = await refusal(changeStatus(s.db, s.adviser, ASH, BS, to, { visitDate: VISIT_AHEAD }, TODAY));
		expect(e.status).toBe(400);
		if (to === 'renewal_due' || to === 'lapsed') expect(e.message).toBe(`${QM_STATUS_LABELS[to]} is worked out from the expiry date and cannot be set by hand`);
		else if (to === 'audit_submitted') expect(e.message).toMatch(/^The school submits its self-audit/);
		else if (to === 'achieved' || to === 'not_yet_achieved') expect(e.message).toMatch(/^Record the award decision in the assessor's review/);
		else if (from === to) expect(e.message).toBe(`This Quality Mark is already at ${QM_STATUS_LABELS[to]}`);
		else expect(e.message).toMatch(new RegExp(`^A Quality Mark cannot go from ${QM_STATUS_LABELS[from]} to ${QM_STATUS_LABELS[to]}\\. Next it can be: `));
		expect(await row(s.db, ASH)).toEqual(before);
		expect(await historyOf(s.db)).toEqual([]);
		expect(await auditActions(s.db)).toEqual(auditBefore);
	});

	it('lets only the link adviser, the assessor, a lead adviser or an admin move a Quality Mark; other advisers read', async () => {
		const s = await setup();
		await putRecord(s.db, ASH, BS, 'assessor_review', s);
		const before = await row(s.db, ASH);
		// One at a time: started together, a refusal could arrive before anything awaits it.
		const moves = [
			() => changeStatus(s.db, s.otherAdviser, ASH, BS, 'not_engaged', {}, TODAY),
			() => bookAssessmentVisit(s.db, s.otherAdviser, ASH, BS, { visitDate: VISIT_AHEAD }, TODAY),
			() => saveReview(s.db, s.otherAdviser, ASH, BS, completeReview('award'), TODAY),
			() => recordAwardDecision(s.db, s.otherAdviser, ASH, BS, completeReview('award'), undefined, TODAY),
			() => changeStatus(s.db, s.analyst, ASH, BS, 'not_engaged', {}, TODAY)
		];
		for (const move of moves) expect((await refusal(move())).status).toBe(403);
		expect(await row(s.db, ASH)).toEqual(before);
		// Made the assessor of the visit, the other adviser may then carry the record on.
		await bookAssessmentVisit(s.db, s.lead, ASH, BS, { visitDate: VISIT_AHEAD, assessorId: s.otherAdviser.id }, TODAY);
		await saveReview(s.db, s.otherAdviser, ASH, BS, completeReview('award'), TODAY);
		expect((await row(s.db, ASH))?.assessor_id).toBe(s.otherAdviser.id);
		// Birch is not the other adviser's school, nor theirs to assess.
		expect((await refusal(changeStatus(s.db, s.otherAdviser, BIRCH, BS, 'interested', {}, TODAY))).status).toBe(403);
	});

	it('will not let the status form skip the steps that check the work behind them', async () => {
		const s = await setup();
		await putRecord(s.db, ASH, BS, 'self_audit_in_progress', s);
		expect((await refusal(changeStatus(s.db, s.admin, ASH, BS, 'audit_submitted', {}, TODAY))).message).toBe(
			'The school submits its self-audit from the self-audit form, once every part is complete'
		);
		await s.db.updateTable('quality_marks').set({ status: 'assessment_visit_booked' }).execute();
		expect((await refusal(changeStatus(s.db, s.admin, ASH, BS, 'achieved', {}, TODAY))).message).toMatch(/^Record the award decision/);
		expect((await row(s.db, ASH))?.status).toBe('assessment_visit_booked');
	});

	it('books a visit only with a real date and an adviser or lead adviser to carry it out', async () => {
		const s = await setup();
		await putRecord(s.db, ASH, BS, 'assessor_review', s);
		expect((await refusal(changeStatus(s.db, s.lead, ASH, BS, 'assessment_visit_booked', {}, TODAY))).message).toBe('Give the date of the assessment visit');
		expect((await refusal(changeStatus(s.db, s.lead, ASH, BS, 'assessment_visit_booked', { visitDate: '2026-02-30' }, TODAY))).message).toBe(
			'Enter the visit date as a real date, like 2025-07-14'
		);
		for (const who of [s.analyst, s.admin]) {
			const notAnAdviser = changeStatus(s.db, s.lead, ASH, BS, 'assessment_visit_booked', { visitDate: VISIT_AHEAD, assessorId: who.id }, TODAY);
			expect((await refusal(notAnAdviser)).message).toBe('Choose an adviser or lead adviser to carry out the assessment visit: it goes in their schedule');
		}
		// An admin can book a visit, but not to themselves.
		expect((await refusal(changeStatus(s.db, s.admin, ASH, BS, 'assessment_visit_booked', { visitDate: VISIT_AHEAD }, TODAY))).message).toMatch(
			/^Choose an adviser or lead adviser/
		);
		await changeStatus(s.db, s.admin, ASH, BS, 'assessment_visit_booked', { visitDate: VISIT_AHEAD, assessorId: s.adviser.id }, TODAY);
		expect(await row(s.db, ASH)).toMatchObject({ visit_date: VISIT_AHEAD, assessor_id: s.adviser.id });
		await changeStatus(s.db, s.lead, ASH, BS, 'assessor_review', { note: 'Visit called off' }, TODAY);
		expect((await row(s.db, ASH))?.visit_date).toBeNull();
	});

	it('refuses to book a visit on a day that is not a working day, and changes nothing', async () => {
		const s = await setup();
		await putRecord(s.db, ASH, BS, 'assessor_review', s);
		const before = await row(s.db, ASH);
		const easter = await refusal(changeStatus(s.db, s.adviser, ASH, BS, 'assessment_visit_booked', { visitDate: '2026-04-01' }, TODAY));
		expect(easter.message).toBe(
			'The visit cannot be booked for Wednesday 1 April 2026. It must be on a working day in term time, and Wednesday 1 April 2026 is not: it is in the school holidays.'
		);
		expect(await row(s.db, ASH)).toEqual(before);
		expect(await historyOf(s.db)).toEqual([]);
		expect(await s.db.selectFrom('engagements').selectAll().execute()).toEqual([]);
	});
});

describe('award, expiry and renewal', () => {
	async function awarded(awardDate?: string) {
		const s = await setup();
		await putRecord(s.db, ASH, BS, 'assessment_visit_booked', s);
		await saveReview(s.db, s.adviser, ASH, BS, completeReview('award'), TODAY);
		return { s, result: await recordAwardDecision(s.db, s.adviser, ASH, BS, completeReview('award'), awardDate, TODAY) };
	}

	it('sets the award date to today and the expiry three years on', async () => {
		const { s, result } = await awarded();
		expect(result).toEqual({ ok: true, status: 'achieved' });
		expect(await row(s.db, ASH)).toMatchObject({ status: 'achieved', award_date: TODAY, expiry_date: '2029-03-02', feedback: null });
		const audit = await s.db.selectFrom('quality_mark_audits').selectAll().executeTakeFirstOrThrow();
		expect(audit).toMatchObject({ decision: 'award', decided_by: s.adviser.id });
		expect((await auditActions(s.db)).map((a) => a.action)).toEqual([
			'quality_mark.review.save',
			'quality_mark.review.save',
			'quality_mark.status',
			'quality_mark.decision'
		]);
	});

	it('takes an earlier award date, counts the expiry from it, and refuses one before the visit or in the future', async () => {
		const { s, result } = await awarded('2026-02-26');
		expect(result.ok).toBe(true);
		expect(await row(s.db, ASH)).toMatchObject({ award_date: '2026-02-26', expiry_date: '2029-02-26' });
		const early = await awarded('2024-02-01');
		expect(early.result).toEqual({
			ok: false,
			problems: [{ path: 'awardDate', message: 'The award date cannot be before the assessment visit on Wednesday 25 February 2026' }]
		});
		expect((await row(early.s.db, ASH))?.status).toBe('assessment_visit_booked');
		const future = await awarded('2026-03-03');
		expect(future.result).toEqual({ ok: false, problems: [{ path: 'awardDate', message: 'The award date cannot be in the future' }] });
		expect((await row(future.s.db, ASH))?.status).toBe('assessment_visit_booked');
	});

	it('shows renewal due from 6 months before expiry and lapsed after it, from the dates alone', async () => {
		const { s } = await awarded();
		const statusOn = async (day: string) => (await qualityMarkForSchool(s.db, ASH, day))[0].status;
		expect(await statusOn('2028-09-01')).toBe('achieved');
		expect(await statusOn('2028-09-02')).toBe('renewal_due');
		expect(await statusOn('2029-03-02')).toBe('renewal_due');
		expect(await statusOn('2029-03-03')).toBe('lapsed');
		expect((await row(s.db, ASH))?.status).toBe('achieved');
		expect((await qualityMarkStatusByUrn(s.db, '2029-03-03')).get(ASH)).toEqual({ [BS]: 'lapsed' });
		expect([...(await currentQualityMarkHolders(s.db, '2029-03-02')).keys()]).toEqual([ASH]);
		expect((await currentQualityMarkHolders(s.db, '2029-03-03')).size).toBe(0);
	});

	it('lists awards expiring within the months asked for, soonest first', async () => {
		const { s } = await awarded();
		expect(await expiringQualityMarks(s.db, '2028-09-01', 6)).toEqual([]);
		const expiring = await expiringQualityMarks(s.db, '2028-09-02', 6);
		expect(expiring).toMatchObject([{ urn: ASH, schoolName: 'Ash Primary', frameworkKey: BS, expiryDate: '2029-03-02', status: 'renewal_due' }]);
		expect(await expiringQualityMarks(s.db, '2029-03-03', 6)).toEqual([]);
		// A school the register has since closed is counted nowhere: not in the list, the dashboard's list or its counts.
		await s.db.updateTable('schools').set({ status: 'Closed' }).where('urn', '=', ASH).execute();
		expect(await expiringQualityMarks(s.db, '2028-09-02', 6)).toEqual([]);
		const dashboard = await qualityMarkDashboard(s.db, '2028-09-02', 6);
		expect(dashboard.expiring).toEqual([]);
		expect(dashboard.inProgress).toEqual([]);
	});

	it('keeps the old award while the school renews, and starts the new self-audit from its last answers', async () => {
		const { s } = await awarded();
		await changeStatus(s.db, s.head, ASH, BS, 'self_audit_in_progress', {}, '2028-10-01');
		const [mark] = await qualityMarkForSchool(s.db, ASH, '2028-10-01');
		expect(mark).toMatchObject({ status: 'self_audit_in_progress', holdsAward: true, awardDate: TODAY });
		const audits = await s.db.selectFrom('quality_mark_audits').select(['answers_json', 'decision']).orderBy('id').execute();
		expect(audits).toHaveLength(2);
		expect(audits[1]).toEqual({ answers_json: audits[0].answers_json, decision: null });
	});
});

describe('self-audit and review', () => {
	it('refuses a 24 MB evidence field, a 2 MB review comment and a 2 MB note, and saves nothing', async () => {
		const s = await setup();
		await putRecord(s.db, ASH, BS, 'registered', s);
		await changeStatus(s.db, s.head, ASH, BS, 'self_audit_in_progress', {}, TODAY);
		const before = await s.db.selectFrom('quality_mark_audits').selectAll().executeTakeFirstOrThrow();
		const huge = completeBasicSkills();
		huge.elements.target_setting = { met: true, evidence: 'x'.repeat(24_000_000), action: '' };
		expect((await refusal(saveSelfAudit(s.db, s.head, ASH, BS, huge, TODAY))).message).toBe(
			'Each answer must be 5,000 characters or fewer. Shorten elements target setting evidence, then save again. Nothing was saved.'
		);
		expect((await refusal(submitSelfAudit(s.db, s.head, ASH, BS, huge, TODAY))).status).toBe(400);
		expect(await s.db.selectFrom('quality_mark_audits').selectAll().executeTakeFirstOrThrow()).toEqual(before);
		// Just at the limit is fine.
		const full = completeBasicSkills();
		full.elements.target_setting = { met: true, evidence: 'x'.repeat(5000), action: '' };
		await saveSelfAudit(s.db, s.head, ASH, BS, full, TODAY);

		const review = completeReview('award');
		if (review.kind === 'elements') review.elements.target_setting = { agrees: false, comment: 'y'.repeat(2_000_000) };
		await putRecord(s.db, BIRCH, BS, 'assessor_review', s);
		expect((await refusal(saveReview(s.db, s.lead, BIRCH, BS, review, TODAY))).message).toMatch(
			/^Each answer must be 5,000 characters or fewer\. Shorten elements target setting comment/
		);
		const history = await historyOf(s.db);
		expect((await refusal(changeStatus(s.db, s.lead, BIRCH, BS, 'not_engaged', { note: 'z'.repeat(2_000_000) }, TODAY))).message).toBe(
			'Each answer must be 1,000 characters or fewer. Shorten note, then save again. Nothing was saved.'
		);
		expect(await historyOf(s.db)).toEqual(history);
	});

	it('saves a draft, refuses an incomplete submission but keeps its answers, then submits', async () => {
		const s = await setup();
		await putRecord(s.db, ASH, BS, 'registered', s);
		await changeStatus(s.db, s.head, ASH, BS, 'self_audit_in_progress', {}, TODAY);
		const draft = completeBasicSkills();
		draft.elements.target_setting = { met: true, evidence: ' ', action: '' };
		await saveSelfAudit(s.db, s.head, ASH, BS, draft, TODAY);
		const result = await submitSelfAudit(s.db, s.head, ASH, BS, draft, TODAY);
		expect(result).toEqual({ ok: false, problems: [{ path: 'target_setting.evidence', message: 'Target setting: give the evidence that shows it is met' }] });
		const saved = await s.db.selectFrom('quality_mark_audits').selectAll().executeTakeFirstOrThrow();
		expect(JSON.parse(saved.answers_json)).toEqual(draft);
		expect(saved.submitted_at).toBeNull();
		expect((await row(s.db, ASH))?.status).toBe('self_audit_in_progress');

		expect(await submitSelfAudit(s.db, s.head, ASH, BS, completeBasicSkills(), TODAY)).toEqual({ ok: true });
		expect((await row(s.db, ASH))?.status).toBe('audit_submitted');
		const submitted = await s.db.selectFrom('quality_mark_audits').selectAll().executeTakeFirstOrThrow();
		expect(submitted.submitted_by).toBe(s.head.id);
		expect((await refusal(saveSelfAudit(s.db, s.head, ASH, BS, draft, TODAY))).message).toMatch(/^The self-audit can only be changed while it is in progress/);

		// Taking it back reopens the same audit.
		await changeStatus(s.db, s.head, ASH, BS, 'self_audit_in_progress', { note: 'Forgot the parents evidence' }, TODAY);
		const reopened = await s.db.selectFrom('quality_mark_audits').selectAll().execute();
		expect(reopened).toHaveLength(1);
		expect(reopened[0].submitted_at).toBeNull();
	});

	it('submits a Professional Development self-audit and shows it to the assessor as the profile', async () => {
		const s = await setup();
		await putRecord(s.db, ASH, PD, 'self_audit_in_progress', s);
		const missingAction = completePd();
		missingAction.aspects.collaboration.actionToMoveUp = '';
		expect(await submitSelfAudit(s.db, s.head, ASH, PD, missingAction, TODAY)).toEqual({
			ok: false,
			problems: [{ path: 'collaboration.actionToMoveUp', message: 'Collaboration and partnerships: give the action that will move it up a level' }]
		});
		expect(await submitSelfAudit(s.db, s.head, ASH, PD, completePd(), TODAY)).toEqual({ ok: true });
	});

	it('writes the review only once the audit is under review, and decides only after the visit is booked', async () => {
		const s = await setup();
		await putRecord(s.db, ASH, BS, 'audit_submitted', s);
		expect((await refusal(saveReview(s.db, s.adviser, ASH, BS, completeReview('award'), TODAY))).message).toMatch(/^The review can be written once/);
		await changeStatus(s.db, s.adviser, ASH, BS, 'assessor_review', {}, TODAY);
		const early = await recordAwardDecision(s.db, s.adviser, ASH, BS, completeReview('award'), undefined, TODAY);
		expect(early).toEqual({
			ok: false,
			problems: [{ path: '', message: 'Book the assessment visit before recording the award decision. Your review has been saved.' }]
		});
		const saved = await s.db.selectFrom('quality_mark_audits').select('review_json').executeTakeFirstOrThrow();
		expect(JSON.parse(saved.review_json!)).toEqual(completeReview('award'));
		await changeStatus(s.db, s.adviser, ASH, BS, 'assessment_visit_booked', { visitDate: VISIT_HELD }, TODAY);
		const incomplete = { ...completeReview('award'), overallJudgement: '' };
		expect(await recordAwardDecision(s.db, s.adviser, ASH, BS, incomplete, undefined, TODAY)).toEqual({
			ok: false,
			problems: [{ path: 'overallJudgement', message: 'Give your overall judgement' }]
		});
		expect((await row(s.db, ASH))?.status).toBe('assessment_visit_booked');
	});

	it('records not yet achieved with the feedback, and the school resubmits from its answers', async () => {
		const s = await setup();
		await putRecord(s.db, ASH, BS, 'assessment_visit_booked', s);
		expect(await recordAwardDecision(s.db, s.lead, ASH, BS, completeReview('not_yet'), undefined, TODAY)).toEqual({ ok: true, status: 'not_yet_achieved' });
		expect(await row(s.db, ASH)).toMatchObject({ status: 'not_yet_achieved', feedback: 'Keep sharing your intervention model.', award_date: null });
		await changeStatus(s.db, s.head, ASH, BS, 'self_audit_in_progress', {}, TODAY);
		const audits = await s.db.selectFrom('quality_mark_audits').select(['decision', 'answers_json', 'review_json']).orderBy('id').execute();
		expect(audits.map((a) => a.decision)).toEqual(['not_yet', null]);
		expect(JSON.parse(audits[1].answers_json)).toEqual(completeBasicSkills());
		expect(audits[1].review_json).toBeNull();
	});
});

describe('permissions', () => {
	it("lets a headteacher edit only their own school's self-audit", async () => {
		const s = await setup();
		await putRecord(s.db, ASH, BS, 'self_audit_in_progress', s);
		await putRecord(s.db, BIRCH, BS, 'self_audit_in_progress', s);
		await saveSelfAudit(s.db, s.head, ASH, BS, completeBasicSkills(), TODAY);
		const other = await refusal(saveSelfAudit(s.db, s.head, BIRCH, BS, completeBasicSkills(), TODAY));
		expect(other.status).toBe(404);
		expect((await refusal(submitSelfAudit(s.db, s.head, BIRCH, BS, completeBasicSkills(), TODAY))).status).toBe(404);
		expect((await refusal(changeStatus(s.db, s.head, BIRCH, BS, 'not_engaged', {}, TODAY))).status).toBe(404);
		const birch = await s.db
			.selectFrom('quality_mark_audits')
			.innerJoin('quality_marks', 'quality_marks.id', 'quality_mark_audits.quality_mark_id')
			.select(['answers_updated_by', 'answers_updated_at'])
			.where('urn', '=', BIRCH)
			.executeTakeFirstOrThrow();
		expect(birch).toEqual({ answers_updated_by: null, answers_updated_at: null });
		expect((await auditActions(s.db)).filter((a) => a.entity_id === `${BIRCH}/${BS}`)).toEqual([]);
	});

	it.each(['admin', 'lead', 'adviser', 'analyst'] as const)('refuses to let the %s fill in a school self-audit', async (who) => {
		const s = await setup();
		await putRecord(s.db, ASH, BS, 'self_audit_in_progress', s);
		expect((await refusal(saveSelfAudit(s.db, s[who], ASH, BS, completeBasicSkills(), TODAY))).status).toBe(403);
		expect((await refusal(submitSelfAudit(s.db, s[who], ASH, BS, completeBasicSkills(), TODAY))).status).toBe(403);
	});

	it.each(['head', 'analyst'] as const)("refuses the assessor's actions to the %s", async (who) => {
		const s = await setup();
		await putRecord(s.db, ASH, BS, 'assessment_visit_booked', s);
		expect((await refusal(saveReview(s.db, s[who], ASH, BS, completeReview('award'), TODAY))).status).toBe(403);
		expect((await refusal(recordAwardDecision(s.db, s[who], ASH, BS, completeReview('award'), undefined, TODAY))).status).toBe(403);
		expect((await refusal(changeStatus(s.db, s[who], ASH, BS, 'assessor_review', {}, TODAY))).status).toBe(403);
		expect((await row(s.db, ASH))?.status).toBe('assessment_visit_booked');
		expect(await auditActions(s.db)).toEqual([]);
	});

	it.each([
		['not_engaged', 'interested'],
		['interested', 'registered'],
		['registered', 'not_engaged'],
		['audit_submitted', 'assessor_review'],
		['assessor_review', 'self_audit_in_progress']
	] as [QmStatus, QmStatus][])('lets a headteacher make only the self-audit steps: not %s → %s', async (from, to) => {
		const s = await setup();
		if (from !== 'not_engaged') await putRecord(s.db, ASH, BS, from, s);
		const e = await refusal(changeStatus(s.db, s.head, ASH, BS, to, {}, TODAY));
		expect(e.status).toBe(403);
		expect(e.message).toMatch(/^Only the school's link adviser, a lead adviser or an admin can move this Quality Mark/);
	});

	it.each(['registered', 'audit_submitted', 'not_yet_achieved', 'achieved', 'renewal_due', 'lapsed'] as QmStatus[])(
		'lets a headteacher start or take back the self-audit from %s',
		async (from) => {
			const s = await setup();
			await putRecord(s.db, ASH, BS, from, s);
			await changeStatus(s.db, s.head, ASH, BS, 'self_audit_in_progress', {}, TODAY);
			expect((await row(s.db, ASH))?.status).toBe('self_audit_in_progress');
		}
	);

	it('lets a headteacher name a colleague linked to the school, and no one else', async () => {
		const s = await setup();
		await putRecord(s.db, ASH, BS, 'registered', s);
		await nominateColleague(s.db, s.head, ASH, BS, s.deputy.id);
		expect((await row(s.db, ASH))?.nominee_id).toBe(s.deputy.id);
		expect((await qualityMarkForSchool(s.db, ASH, TODAY))[0].nomineeName).toBe('Dev Deputy');
		for (const outsider of [s.otherHead, s.adviser]) {
			expect((await refusal(nominateColleague(s.db, s.head, ASH, BS, outsider.id))).message).toMatch(
				/^Choose a colleague whose account is linked to your school/
			);
		}
		expect((await refusal(nominateColleague(s.db, s.adviser, ASH, BS, s.deputy.id))).status).toBe(403);
		// The named colleague fills in the audit under their own name.
		await changeStatus(s.db, s.deputy, ASH, BS, 'self_audit_in_progress', {}, TODAY);
		await saveSelfAudit(s.db, s.deputy, ASH, BS, completeBasicSkills(), TODAY);
		expect((await s.db.selectFrom('quality_mark_audits').select('answers_updated_by').executeTakeFirstOrThrow()).answers_updated_by).toBe(s.deputy.id);
		const nominations = (await auditActions(s.db)).filter((a) => a.action === 'quality_mark.nominate');
		expect(nominations.map((n) => JSON.parse(n.after_json!))).toEqual([{ nomineeId: s.deputy.id }]);
	});
});

describe('views for the rest of the app', () => {
	it('lists assessment visits in a date range with their assessor, booked or held', async () => {
		const s = await setup();
		await putRecord(s.db, ASH, BS, 'assessor_review', s);
		await changeStatus(s.db, s.lead, ASH, BS, 'assessment_visit_booked', { visitDate: '2026-04-15', assessorId: s.adviser.id }, TODAY);
		const visits = await assessmentVisits(s.db, '2026-03-01', '2026-04-30');
		expect(visits).toEqual([
			expect.objectContaining({
				urn: ASH,
				schoolName: 'Ash Primary',
				frameworkKey: BS,
				frameworkName: 'Basic Skills Quality Mark',
				visitDate: '2026-04-15',
				assessorId: s.adviser.id,
				assessorName: 'Ade Adviser',
				booked: true
			})
		]);
		expect(await assessmentVisits(s.db, '2026-04-16', '2026-05-01')).toEqual([]);
		await recordAwardDecision(s.db, s.adviser, ASH, BS, completeReview('award'), undefined, '2026-04-16');
		expect((await assessmentVisits(s.db, '2026-04-15', '2026-04-15')).map((v) => v.booked)).toEqual([false]);
	});

	it('filters the table by status and framework, counting schools that never engaged', async () => {
		const s = await setup();
		await putRecord(s.db, ASH, BS, 'registered', s);
		await putRecord(s.db, BIRCH, PD, 'achieved', s);
		const frameworks = await listFrameworks(s.db);
		const table = async (query: string) =>
			(await qualityMarkTable(s.db, parseFilters(new URLSearchParams(query), frameworks), TODAY)).map((r) => `${r.urn} ${r.frameworkKey} ${r.status}`);
		expect(await table('')).toEqual([`${ASH} ${BS} registered`, `${BIRCH} ${PD} achieved`]);
		expect(await table('status=achieved')).toEqual([`${BIRCH} ${PD} achieved`]);
		expect(await table(`framework=${BS}`)).toEqual([`${ASH} ${BS} registered`]);
		expect(await table(`status=not_engaged&framework=${PD}`)).toEqual([`${ASH} ${PD} not_engaged`]);
		expect(await table('status=all')).toHaveLength(4);
		expect(parseFilters(new URLSearchParams('status=lost&framework=nope'), frameworks)).toEqual({ status: 'engaged', framework: '' });
	});
});

describe('demo data', () => {
	it('seeds a consistent mix of awards and progress, leaving schools with a headteacher account alone', async () => {
		const s = await setup();
		const urns = Array.from({ length: 40 }, (_, i) => 200001 + i);
		for (const urn of urns) await addSchool(s.db, urn, `School ${urn}`);
		const seeded = await seedDemoQualityMarks(s.db, [ASH, ...urns], TODAY);
		expect(seeded).toBe(10);
		expect(await row(s.db, ASH)).toBeUndefined();
		const statuses = new Set([...(await qualityMarkStatusByUrn(s.db, TODAY)).values()].flatMap((byKey) => Object.values(byKey)));
		expect([...statuses].sort()).toEqual(['achieved', 'interested', 'lapsed', 'registered', 'renewal_due']);
		expect(await historyOf(s.db)).toHaveLength(seeded);
	});
});

describe('CSV export', () => {
	it.each([
		['=HYPERLINK("http://x")', `'=HYPERLINK("http://x")`],
		['+44 20 7946 0000', `'+44 20 7946 0000`],
		['-cmd', `'-cmd`],
		['@SUM(A1)', `'@SUM(A1)`],
		['\tsecret', `'\tsecret`],
		['\rsecret', `'\rsecret`],
		['-3.5', '-3.5'],
		['+2', '+2'],
		['42', '42'],
		['Ash Primary', 'Ash Primary']
	])('neutralises %j as %j', (cell, expected) => {
		expect(neutraliseCell(cell)).toBe(expected);
	});

	it('writes the filtered rows with formula cells neutralised and quoting where needed', async () => {
		const s = await setup();
		await s.db.updateTable('schools').set({ name: '=1+2, "Trust" school' }).where('urn', '=', ASH).execute();
		await putRecord(s.db, ASH, BS, 'achieved', s);
		const csv = qualityMarkCsv(await qualityMarkTable(s.db, { status: 'engaged', framework: '' }, TODAY));
		expect(csv.split('\r\n')).toEqual([
			'\uFEFFURN,School,Framework,Status,Status since,Award date,Expiry date,Renewal due from,Visit date,Assessor',
			`${ASH},"'=1+2, ""Trust"" school",Basic Skills Quality Mark,Achieved,2026-01-05,2025-09-01,2028-09-01,2028-03-01,,`,
			''
		]);
	});
});
