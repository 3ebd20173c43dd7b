// School-to-school support, from proposal to outcome, on a real database: who may take each step,
// what each step writes (the partnership, its reviews in the schedule, the audit log), and how a
// decline or an open partnership changes the next proposals.
import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import type { Db } from '../../src/lib/server/db';
import { dialectOf } from '../../src/lib/server/db/dialect';
import { anotherConnection, whileHeld } from '../helpers/db';
import {
	activatePartnership,
	addPartnershipNote,
	agreePartnership,
	asSeenBy,
	brokerageView,
	declinedIn,
	endPartnership,
	getPartnership,
	maySeePartnership,
	openProposals,
	otherSupporters,
	proposalFor,
	proposePartnership,
	respondToPartnership,
	supportCounts,
	withdrawPartnership
} from '../../src/lib/server/brokerage';
import { Refusal } from '../../src/lib/domain/refusal';
import { listNotifications } from '../../src/lib/server/notifications';
import { addUser } from '../helpers/fixtures';
import { URNS } from './analysis-fixtures';
import { placedLa } from './brokerage-fixtures';
import { addAward, BS } from './quality-mark-fixtures';
import type { SessionUser } from '../../src/lib/server/auth/session';
import type { Actor } from '../../src/lib/domain/access';

interface World {
	db: Db;
	link: Actor;
	other: Actor;
	lead: Actor;
	headAshdown: SessionUser;
	headCedar: SessionUser;
	headElm: SessionUser;
}

/** The small LA on a map: Cedar (Secure Plus) near Ashdown (Intensive, 2 km) and Elm (Focus, 5 km); Ada is Ashdown's link adviser, Otto Elm's. */
async function world(): Promise<World> {
	const { db } = await placedLa();
	const person = async (name: string) => {
		const u = await db.selectFrom('users').select(['id', 'role']).where('name', '=', name).executeTakeFirstOrThrow();
		return { id: u.id, role: u.role } as Actor;
	};
	return {
		db,
		link: await person('Ada Adviser'),
		other: await person('Otto Other'),
		lead: await person('Lena Lead'),
		headAshdown: await addUser(db, 'headteacher', [URNS.intensive]),
		headCedar: await addUser(db, 'headteacher', [URNS.securePlus]),
		headElm: await addUser(db, 'headteacher', [URNS.focus])
	};
}

async function refusal(work: () => Promise<unknown>): Promise<Refusal> {
	try {
		await work();
	} catch (e) {
		if (e instanceof Refusal) return e;
		throw e;
	}
	throw new Error('expected a refusal');
}

async function propose(w: World, actor: Actor, supported: number): Promise<number> {
	const match = await proposalFor(w.db, actor, 2019, supported, URNS.securePlus);
	return proposePartnership(w.db, actor, { year: 2019, ...match });
}

const SET_UP = {
	objectives: 'Raise RWM attainment: shared moderation of writing in year 6',
	startDate: '2019-10-01',
	reviewDates: ['2019-11-04', '2020-01-13', '2020-03-09']
};

/**
 * The overview counts schools that need support and have none in SQL (supportCounts); /brokerage
 * counts the proposals and the schools left unmatched. A lead adviser sees both numbers, so they must agree.
 */
async function expectOneCountOfSchoolsWithoutSupport(w: World, expected: number): Promise<void> {
	const overview = await supportCounts(w.db, null);
	const page = (await brokerageView(w.db, w.lead)).counts;
	expect(overview.withoutSupport).toBe(expected);
	expect(page.withoutSupport).toBe(expected);
	// And the active partnerships, counted the same way on both.
	expect(page.active).toBe(overview.active);
}

describe('a partnership from proposal to outcome', () => {
	it('is proposed by the link adviser, agreed by a lead adviser, accepted by both schools, set up with reviews in the schedule, and ended', async () => {
		const w = await world();
		expect((await openProposals(w.db, 2019, null)).rows.map((m) => [m.supportedUrn, m.supportingUrn])).toEqual([
			[URNS.intensive, URNS.securePlus],
			[URNS.focus, URNS.securePlus]
		]);
		await expectOneCountOfSchoolsWithoutSupport(w, 3);
		// Otto is not Ashdown's link adviser.
		expect((await refusal(() => propose(w, w.other, URNS.intensive))).status).toBe(403);
		const id = await propose(w, w.link, URNS.intensive);
		expect((await refusal(() => propose(w, w.link, URNS.intensive))).message).toMatch(/^That proposal is no longer open/);
		expect((await openProposals(w.db, 2019, null)).rows.map((m) => m.supportedUrn)).toEqual([URNS.focus]);

		// The schools are asked only once a lead adviser agrees it; until then it is the LA's working.
		let p = await getPartnership(w.db, id);
		expect(maySeePartnership(w.headAshdown, p)).toBe(false);
		expect((await refusal(() => respondToPartnership(w.db, w.headAshdown, id, 'accepted'))).message).toBe(
			'A lead adviser agrees the partnership first; then each school can accept or decline it.'
		);
		expect((await refusal(() => agreePartnership(w.db, w.link, id))).status).toBe(403);
		await agreePartnership(w.db, w.lead, id);
		p = await getPartnership(w.db, id);
		expect(maySeePartnership(w.headAshdown, p)).toBe(true);
		expect(maySeePartnership(w.headElm, p)).toBe(false);

		expect((await refusal(() => respondToPartnership(w.db, w.headElm, id, 'accepted'))).status).toBe(403);
		expect(await respondToPartnership(w.db, w.headAshdown, id, 'accepted')).toBe('supported');
		expect((await getPartnership(w.db, id)).status).toBe('agreed');
		expect(await respondToPartnership(w.db, w.headCedar, id, 'accepted')).toBe('supporting');
		expect((await getPartnership(w.db, id)).status).toBe('accepted');
		// Each step tells the next person: the lead advisers a proposal, the headteachers an agreed partnership, the link adviser two acceptances.
		const told = async (userId: number) =>
			(
				await w.db
					.selectFrom('notifications')
					.select(['message', 'link'])
					.where('user_id', '=', userId)
					.where('kind', '=', 'partnership')
					.orderBy('id')
					.execute()
			).map((n) => [n.message, n.link]);
		expect(await told(w.lead.id)).toEqual([
			['School-to-school support is proposed for Ashdown Primary School, from Cedar Primary School. A lead adviser agrees it.', `/brokerage/${id}`],
			['Both schools accepted the school-to-school support for Ashdown Primary School. Set it up: objectives, a start and review dates.', `/brokerage/${id}`]
		]);
		expect(await told(w.headAshdown.id)).toEqual([
			['The LA proposes that Cedar Primary School supports your school with: rwm expected. Accept or decline it.', `/brokerage/${id}`]
		]);
		expect((await told(w.headCedar.id)).map(([m]) => m)).toEqual([
			'The LA proposes that your school supports Ashdown Primary School with: rwm expected. Accept or decline it.'
		]);
		expect((await told(w.link.id)).map(([m]) => m)).toEqual([
			'Both schools accepted the school-to-school support for Ashdown Primary School. Set it up: objectives, a start and review dates.'
		]);

		const bad = await refusal(() => activatePartnership(w.db, w.link, id, { objectives: '', startDate: '2019-10-01', reviewDates: ['2019-12-25'] }));
		expect(bad.errors).toEqual({
			objectives: 'Enter what the partnership is for: its objectives.',
			'review-dates': 'No review can be on Wednesday 25 December 2019, because it is in the school holidays.'
		});
		expect((await getPartnership(w.db, id)).status).toBe('accepted');
		await activatePartnership(w.db, w.link, id, SET_UP);
		p = await getPartnership(w.db, id);
		expect(p.status).toBe('active');
		expect(p.objectives).toBe(SET_UP.objectives);
		expect(p.reviews.map((r) => [r.date, r.status])).toEqual(SET_UP.reviewDates.map((d) => [d, 'confirmed']));
		const reviews = await w.db.selectFrom('engagements').selectAll().where('template_id', '=', 'partnership.review').orderBy('date').execute();
		expect(reviews.map((e) => [e.urn, e.adviser_id, e.year, e.activity, e.status, e.half_term])).toEqual([
			[URNS.intensive, w.link.id, 2020, 'partnership_review', 'confirmed', 'autumn_2'],
			[URNS.intensive, w.link.id, 2020, 'partnership_review', 'confirmed', 'spring_1'],
			[URNS.intensive, w.link.id, 2020, 'partnership_review', 'confirmed', 'spring_2']
		]);
		expect(reviews[0].label).toBe('Review of the school-to-school support with Cedar Primary School');

		await addPartnershipNote(w.db, w.link, id, 'First moderation meeting held at Cedar.');
		// The advisers' notes are the LA's working: not sent to either school's headteacher.
		expect((await getPartnership(w.db, id)).notes.map((n) => n.text)).toEqual(['First moderation meeting held at Cedar.']);
		expect(asSeenBy(w.lead, await getPartnership(w.db, id)).notes).toHaveLength(1);
		// Staff who serve only the supporting school's LA see the partnership, but not the notes on the other LA's school.
		const supportingLaOnly = await getPartnership(w.db, id);
		supportingLaOnly.supporting.laCode = '850';
		const otherLaLead: Actor = { id: 0, role: 'lead_adviser', laCodes: ['850'] };
		expect(maySeePartnership(otherLaLead, supportingLaOnly)).toBe(true);
		expect(asSeenBy(otherLaLead, supportingLaOnly).notes).toEqual([]);
		for (const head of [w.headAshdown, w.headCedar]) {
			const seenByHead = asSeenBy(head, await getPartnership(w.db, id));
			expect([seenByHead.notes, seenByHead.supported.linkAdviserName, seenByHead.supporting.linkAdviserName]).toEqual([[], null, null]);
			// The list sends what it shows, and no more.
			expect((await brokerageView(w.db, head)).partnerships).toEqual([
				{
					id,
					supportedName: 'Ashdown Primary School',
					supportingName: 'Cedar Primary School',
					need: expect.any(String),
					schoolYearLabel: '2019/20',
					status: 'active'
				}
			]);
		}
		expect((await refusal(() => addPartnershipNote(w.db, w.other, id, 'Not mine'))).status).toBe(403);
		expect((await refusal(() => withdrawPartnership(w.db, w.link, id))).message).toBe('An active partnership is ended with an outcome, not withdrawn.');
		expect(await supportCounts(w.db, null)).toEqual({ active: 1, withoutSupport: 2, year: 2019 });
		await expectOneCountOfSchoolsWithoutSupport(w, 2);
		// A partnership from an earlier year's categories is not this year's, on the page as on the overview.
		await w.db.updateTable('partnerships').set({ year: 2018 }).where('id', '=', id).execute();
		expect((await brokerageView(w.db, w.lead)).counts.active).toBe(0);
		expect((await supportCounts(w.db, null)).active).toBe(0);
		await w.db.updateTable('partnerships').set({ year: 2019 }).where('id', '=', id).execute();

		expect((await refusal(() => endPartnership(w.db, w.link, id, ' ', '2020-02-01'))).field).toBe('outcome');
		await endPartnership(w.db, w.link, id, 'Writing moderated in line with Cedar; RWM up in the spring assessment.', '2020-02-01');
		p = await getPartnership(w.db, id);
		expect([p.status, p.outcome, p.notes.map((n) => n.text)]).toEqual([
			'ended',
			'Writing moderated in line with Cedar; RWM up in the spring assessment.',
			['First moderation meeting held at Cedar.']
		]);
		// The review still to come is cancelled; those before the end stay.
		expect(p.reviews.map((r) => r.status)).toEqual(['confirmed', 'confirmed', 'cancelled']);

		const log = await w.db.selectFrom('audit_log').select(['action', 'entity', 'entity_id']).where('action', 'like', 'partnership.%').orderBy('id').execute();
		expect(log.map((l) => l.action)).toEqual([
			'partnership.propose',
			'partnership.agree',
			'partnership.accept',
			'partnership.accept',
			'partnership.activate',
			'partnership.note',
			'partnership.end'
		]);
		expect(new Set(log.map((l) => `${l.entity}/${l.entity_id}`))).toEqual(new Set([`school/${URNS.intensive}`]));
	});

	it('a supporter that declines is not proposed to that school again that year; a withdrawn proposal frees the school', async () => {
		const w = await world();
		const id = await propose(w, w.other, URNS.focus);
		await agreePartnership(w.db, w.lead, id);
		await respondToPartnership(w.db, w.headCedar, id, 'declined');
		expect((await getPartnership(w.db, id)).status).toBe('declined');
		expect(await declinedIn(w.db, 2019)).toEqual([{ supportingUrn: URNS.securePlus, supportedUrn: URNS.focus }]);
		const { rows, unmatched } = await openProposals(w.db, 2019, null);
		expect(rows.some((m) => m.supportedUrn === URNS.focus && m.supportingUrn === URNS.securePlus)).toBe(false);
		expect(unmatched.map((u) => u.urn)).toContain(URNS.focus);
		expect((await refusal(() => respondToPartnership(w.db, w.headElm, id, 'accepted'))).message).toBe(
			'This partnership is declined, so nothing more can be done with it.'
		);

		const second = await propose(w, w.link, URNS.intensive);
		await withdrawPartnership(w.db, w.link, second);
		expect((await getPartnership(w.db, second)).status).toBe('withdrawn');
		expect((await openProposals(w.db, 2019, null)).rows.map((m) => m.supportedUrn)).toContain(URNS.intensive);
	});

	it('proposals are made from the latest categories, notes kept once both schools accept, and a withdrawal after agreeing is told to both schools', async () => {
		const w = await world();
		expect((await refusal(() => proposalFor(w.db, w.link, 2018, URNS.intensive, URNS.securePlus))).message).toMatch(/^That proposal is no longer open/);
		const id = await propose(w, w.link, URNS.intensive);
		expect((await refusal(() => addPartnershipNote(w.db, w.link, id, 'Too early'))).message).toBe(
			'Notes are kept once both schools have accepted the partnership.'
		);
		await agreePartnership(w.db, w.lead, id);
		await withdrawPartnership(w.db, w.link, id);
		for (const head of [w.headAshdown, w.headCedar]) {
			expect((await listNotifications(w.db, head.id))[0].message).toBe(
				'The school-to-school support between Cedar Primary School and Ashdown Primary School has been withdrawn by the LA. Nothing more is needed from your school.'
			);
		}
	});

	it('a school’s headteacher answers only for their own school, and a regional user changes nothing', async () => {
		const w = await world();
		const id = await propose(w, w.link, URNS.intensive);
		const regional = await addUser(w.db, 'regional');
		expect((await refusal(() => agreePartnership(w.db, regional, id))).status).toBe(403);
		await agreePartnership(w.db, w.lead, id);
		await respondToPartnership(w.db, w.headAshdown, id, 'accepted');
		expect((await refusal(() => respondToPartnership(w.db, w.headAshdown, id, 'declined'))).message).toBe('Your school has already accepted this partnership.');
		expect((await refusal(() => activatePartnership(w.db, w.link, id, SET_UP))).message).toBe('Both schools must accept the partnership before it is set up.');
	});

	it('a supporter never takes more schools than its places: not from a proposal, another supporter chosen, or two at once', async () => {
		const w = await world();
		await propose(w, w.link, URNS.intensive);
		// Dale (Light touch) is 8 km from Cedar: proposed by hand for Cedar's last place twice at once (two app servers on PostgreSQL).
		const other = dialectOf(w.db) === 'postgres' ? anotherConnection(w.db) : w.db;
		const byHand = (db: Db, urn: number) =>
			proposePartnership(db, w.lead, {
				year: 2019,
				supportedUrn: urn,
				supportingUrn: URNS.securePlus,
				need: 'RWM attainment',
				needKey: 'attainment:rwm',
				distanceKm: 8,
				reasons: 'Chosen by hand'
			});
		const results = await whileHeld(w.db, sql`select urn from schools where urn = ${URNS.securePlus} for update`, () =>
			Promise.allSettled([byHand(w.db, URNS.lightTouch), byHand(other, URNS.focus)])
		);
		expect(results.map((r) => r.status).sort()).toEqual(['fulfilled', 'rejected']);
		const refused = (results.find((r) => r.status === 'rejected') as PromiseRejectedResult).reason;
		expect(refused).toBeInstanceOf(Refusal);
		expect(refused.message).toBe(
			"Cedar Primary School already has 2 schools to support, proposed or under way, as many as its LA's settings allow (2). Choose another supporter."
		);
		const open = await w.db.selectFrom('partnerships').select('id').where('supporting_urn', '=', URNS.securePlus).where('status', '=', 'proposed').execute();
		expect(open).toHaveLength(2);

		// Agreeing a proposal with Cedar instead of its supporter is refused too, and changes nothing.
		await addAward(w.db, URNS.secure, BS, '2019-01-31', '2022-01-31');
		const free = (await w.db.selectFrom('partnerships').select('supported_urn').where('status', '=', 'proposed').execute()).map((r) => r.supported_urn);
		const left = [URNS.focus, URNS.lightTouch].find((u) => !free.includes(u))!;
		const id = await proposePartnership(w.db, w.lead, {
			year: 2019,
			supportedUrn: left,
			supportingUrn: URNS.secure,
			need: 'RWM attainment',
			needKey: 'attainment:rwm',
			distanceKm: 3,
			reasons: 'Chosen by hand'
		});
		const choice = { supportingUrn: URNS.securePlus, need: 'RWM attainment', needKey: 'attainment:rwm', distanceKm: 5, reasons: 'Chosen instead' };
		expect((await refusal(() => agreePartnership(w.db, w.lead, id, choice))).message).toMatch(/^Cedar Primary School already has 2 schools to support/);
		expect(await getPartnership(w.db, id)).toMatchObject({ status: 'proposed', supporting: { urn: URNS.secure } });
	});

	it('two proposals for one school at the same moment make one partnership; the other is told (on PostgreSQL, on two app servers)', async () => {
		const w = await world();
		await addAward(w.db, URNS.secure, BS, '2019-01-31', '2022-01-31');
		const other = dialectOf(w.db) === 'postgres' ? anotherConnection(w.db) : w.db;
		const by = (db: Db, supportingUrn: number) =>
			proposePartnership(db, w.lead, {
				year: 2019,
				supportedUrn: URNS.focus,
				supportingUrn,
				need: 'RWM attainment',
				needKey: 'attainment:rwm',
				distanceKm: 3,
				reasons: 'Chosen by hand'
			});
		const results = await whileHeld(w.db, sql`select urn from schools where urn = ${URNS.focus} for update`, () =>
			Promise.allSettled([by(w.db, URNS.securePlus), by(other, URNS.secure)])
		);
		expect(results.map((r) => r.status).sort()).toEqual(['fulfilled', 'rejected']);
		const refused = (results.find((r) => r.status === 'rejected') as PromiseRejectedResult).reason;
		expect(refused).toBeInstanceOf(Refusal);
		expect(refused.message).toBe('Elm Primary School already has support proposed or under way this year.');
	});

	it('two headteachers answering at the same moment each keep their answer (on PostgreSQL, on two app servers), or one is told to look again', async () => {
		const w = await world();
		const id = await propose(w, w.link, URNS.intensive);
		await agreePartnership(w.db, w.lead, id);
		const other = dialectOf(w.db) === 'postgres' ? anotherConnection(w.db) : w.db;
		// Both read the partnership, then wait to write while a third connection holds it.
		const results = await whileHeld(w.db, sql`select id from partnerships where id = ${id} for update`, () =>
			Promise.allSettled([respondToPartnership(w.db, w.headAshdown, id, 'accepted'), respondToPartnership(other, w.headCedar, id, 'accepted')])
		);
		const p = await getPartnership(w.db, id);
		const answered = [p.supportedResponse, p.supportingResponse];
		// Each answer the school was told was taken is stored; one refused is refused in words.
		expect(answered[0] === 'accepted').toBe(results[0].status === 'fulfilled');
		expect(answered[1] === 'accepted').toBe(results[1].status === 'fulfilled');
		for (const r of results) if (r.status === 'rejected') expect(r.reason).toBeInstanceOf(Refusal);
		expect(p.status).toBe(results.every((r) => r.status === 'fulfilled') ? 'accepted' : 'agreed');
	});

	it('a lead adviser may agree it with another supporter from the ranked list, which the partnership then names with its reasons', async () => {
		const w = await world();
		await addAward(w.db, URNS.secure, BS, '2019-01-31', '2022-01-31');
		const id = await propose(w, w.link, URNS.intensive);
		const others = await otherSupporters(w.db, await getPartnership(w.db, id));
		expect(others.supporters.map((s) => s.urn)).toEqual([URNS.secure]);
		const [birchwood] = others.supporters;
		expect(birchwood.reasons).toMatch(/^Holds the Basic Skills Quality Mark/);
		await agreePartnership(w.db, w.lead, id, {
			supportingUrn: birchwood.urn,
			need: birchwood.need,
			needKey: birchwood.needKey,
			distanceKm: birchwood.distanceKm,
			reasons: birchwood.reasons
		});
		const p = await getPartnership(w.db, id);
		expect([p.status, p.supporting.urn, p.reasons, p.distanceKm]).toEqual(['agreed', URNS.secure, birchwood.reasons, 1]);
		const log = await w.db.selectFrom('audit_log').select('after_json').where('action', '=', 'partnership.agree').executeTakeFirstOrThrow();
		expect(JSON.parse(log.after_json!)).toMatchObject({ supportingUrn: URNS.secure, chosenInstead: true });
	});
});
