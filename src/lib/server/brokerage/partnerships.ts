import type { Db } from '../db';
import { audit } from '../audit';
import { nowIso } from '../clock';
import { lockSchool, existingSchool } from '../schools';
import { advisersFor, headteachersOf, notify } from '../notifications';
import { schoolCalendar } from '../schedule/plan-input';
import { Refusal } from '../../domain/refusal';
import { can, requireAllowed, type Actor, type School } from '../../domain/access';
import { whyNotWorkingDay, halfTermOf } from '../../domain/calendar/working-days';
import type { IsoDate } from '../../domain/calendar/iso-date';
import { academicYearLabel } from '../../domain/ks2/types';
import { settingsLookup, type Declined } from '../../domain/brokerage';
import { lockingRows } from '../db/dialect';
import { brokerageSettings } from './settings';
import {
	OPEN_STATUSES,
	PARTNERSHIP_STATUS_LABELS,
	TEXT_LIMIT,
	setUpProblems,
	takeStep,
	type PartnershipStatus,
	type PartnershipStep,
	type Response,
	type SetUp,
	type Side
} from '../../domain/brokerage/partnership';
import type { PartnershipsTable } from '../db/schema/partnerships';
import type { Selectable } from 'kysely';
import { isRowId } from '../../domain/ids';

/** The template id of a partnership's review engagements: no category's templates ask for them, so the planner holds them where they are. */
export const PARTNERSHIP_REVIEW = 'partnership.review';

export interface PartnershipSchool {
	urn: number;
	name: string;
	laCode: string | null;
	linkAdviserId: number | null;
	linkAdviserName: string | null;
}

export interface PartnershipView {
	id: number;
	/** The analysis year it was proposed from; it runs in the school year after (`schoolYear`). */
	year: number;
	schoolYear: number;
	schoolYearLabel: string;
	status: PartnershipStatus;
	statusLabel: string;
	supported: PartnershipSchool;
	supporting: PartnershipSchool;
	need: string;
	distanceKm: number | null;
	reasons: string;
	supportedResponse: Response | null;
	supportingResponse: Response | null;
	objectives: string | null;
	startDate: IsoDate | null;
	outcome: string | null;
	proposedBy: string | null;
	proposedAt: string;
	agreedBy: string | null;
	agreedAt: string | null;
	closedBy: string | null;
	closedAt: string | null;
	notes: { text: string; by: string | null; at: string }[];
	reviews: { engagementId: number; date: IsoDate; status: string }[];
}

const asSchool = (p: PartnershipSchool): School => ({ urn: p.urn, name: p.name, linkAdviserId: p.linkAdviserId, laCode: p.laCode });

/**
 * Partnerships with their schools, people, notes and review engagements. `las`: those whose
 * supported or supporting school is in these LAs (null: every LA); `urns`: those either school of
 * which is one of these (a headteacher's, a profile's); `ids`: these.
 */
export async function listPartnerships(
	db: Db,
	filter: { las?: readonly string[] | null; urns?: readonly number[]; ids?: readonly number[]; year?: number } = {}
): Promise<PartnershipView[]> {
	let query = db
		.selectFrom('partnerships as p')
		.innerJoin('schools as a', 'a.urn', 'p.supported_urn')
		.innerJoin('schools as b', 'b.urn', 'p.supporting_urn')
		.leftJoin('users as la', 'la.id', 'a.link_adviser_id')
		.leftJoin('users as lb', 'lb.id', 'b.link_adviser_id')
		.leftJoin('users as pb', 'pb.id', 'p.proposed_by')
		.leftJoin('users as ab', 'ab.id', 'p.agreed_by')
		.leftJoin('users as cb', 'cb.id', 'p.closed_by')
		.selectAll('p')
		.select([
			'a.name as a_name',
			'a.la_code as a_la',
			'a.link_adviser_id as a_link',
			'la.name as a_link_name',
			'b.name as b_name',
			'b.la_code as b_la',
			'b.link_adviser_id as b_link',
			'lb.name as b_link_name',
			'pb.name as proposed_by_name',
			'ab.name as agreed_by_name',
			'cb.name as closed_by_name'
		])
		.orderBy('p.year', 'desc')
		.orderBy('a.name')
		.orderBy('p.id');
	if (filter.las != null) {
		const las = filter.las.length > 0 ? [...filter.las] : [''];
		query = query.where((eb) => eb.or([eb('a.la_code', 'in', las), eb('b.la_code', 'in', las)]));
	}
	if (filter.urns) {
		const urns = filter.urns.length > 0 ? [...filter.urns] : [0];
		query = query.where((eb) => eb.or([eb('p.supported_urn', 'in', urns), eb('p.supporting_urn', 'in', urns)]));
	}
	if (filter.ids) query = query.where('p.id', 'in', filter.ids.length > 0 ? [...filter.ids] : [0]);
	if (filter.year !== undefined) query = query.where('p.year', '=', filter.year);
	const rows = await query.execute();
	if (rows.length === 0) return [];
	const ids = rows.map((r) => r.id);
	const [notes, reviews] = await Promise.all([
		db
			.selectFrom('partnership_notes as n')
			.leftJoin('users as u', 'u.id', 'n.written_by')
			.select(['n.partnership_id', 'n.text', 'n.written_at', 'u.name'])
			.where('n.partnership_id', 'in', ids)
			.orderBy('n.id')
			.execute(),
		db
			.selectFrom('engagements')
			.select(['id', 'plan_key', 'date', 'status'])
			.where('template_id', '=', PARTNERSHIP_REVIEW)
			.where('urn', 'in', [...new Set(rows.map((r) => r.supported_urn))])
			.orderBy('date')
			.execute()
	]);
	return rows.map((r) => ({
		id: r.id,
		year: r.year,
		schoolYear: r.year + 1,
		schoolYearLabel: academicYearLabel(r.year + 1),
		status: r.status,
		statusLabel: PARTNERSHIP_STATUS_LABELS[r.status],
		supported: { urn: r.supported_urn, name: r.a_name, laCode: r.a_la, linkAdviserId: r.a_link, linkAdviserName: r.a_link_name },
		supporting: { urn: r.supporting_urn, name: r.b_name, laCode: r.b_la, linkAdviserId: r.b_link, linkAdviserName: r.b_link_name },
		need: r.need,
		distanceKm: r.distance_km,
		reasons: r.reasons,
		supportedResponse: r.supported_response,
		supportingResponse: r.supporting_response,
		objectives: r.objectives,
		startDate: r.start_date,
		outcome: r.outcome,
		proposedBy: r.proposed_by_name,
		proposedAt: r.proposed_at,
		agreedBy: r.agreed_by_name,
		agreedAt: r.agreed_at,
		closedBy: r.closed_by_name,
		closedAt: r.closed_at,
		notes: notes.filter((n) => n.partnership_id === r.id).map((n) => ({ text: n.text, by: n.name, at: n.written_at })),
		reviews: reviews
			.filter((e) => e.plan_key.startsWith(`${r.supported_urn}/partnership.${r.id}/`))
			.map((e) => ({ engagementId: e.id, date: e.date, status: e.status }))
	}));
}

/**
 * A partnership as `actor` may see it. The advisers' notes are the LA's working on the supported
 * school: only those who may see its working get them (not a headteacher of either school, nor
 * staff who serve the supporting school's LA alone). A headteacher does not get the schools' link
 * advisers either. What is left out is not sent at all.
 */
export function asSeenBy(actor: Actor, p: PartnershipView): PartnershipView {
	const notes = can(actor, 'school.seeWorking', asSchool(p.supported)) ? p.notes : [];
	if (actor.role !== 'headteacher') return { ...p, notes };
	const withoutLink = (s: PartnershipSchool): PartnershipSchool => ({ ...s, linkAdviserId: null, linkAdviserName: null });
	return { ...p, notes, supported: withoutLink(p.supported), supporting: withoutLink(p.supporting) };
}

/** One partnership, or a 404 refusal. Whether the actor may see it is for the caller (`mayView`). */
export async function getPartnership(db: Db, id: number): Promise<PartnershipView> {
	const [found] = isRowId(id) ? await listPartnerships(db, { ids: [id] }) : [];
	if (!found) throw new Refusal('There is no such partnership.', { status: 404 });
	return found;
}

/** Supporters that said no in a year, for matching: none of them is proposed to that school again that year. */
export async function declinedIn(db: Db, year: number): Promise<Declined[]> {
	const rows = await db
		.selectFrom('partnerships')
		.select(['supporting_urn', 'supported_urn'])
		.where('year', '=', year)
		.where('status', '=', 'declined')
		.execute();
	return rows.map((r) => ({ supportingUrn: r.supporting_urn, supportedUrn: r.supported_urn }));
}

/** How many open partnerships each supporter has in a year, and which schools already have one as the supported school. */
export async function openPartnerships(db: Db, year: number): Promise<{ bySupporter: Map<number, number>; supported: Set<number> }> {
	const rows = await db
		.selectFrom('partnerships')
		.select(['supporting_urn', 'supported_urn'])
		.where('year', '=', year)
		.where('status', 'in', OPEN_STATUSES)
		.execute();
	const bySupporter = new Map<number, number>();
	for (const r of rows) bySupporter.set(r.supporting_urn, (bySupporter.get(r.supporting_urn) ?? 0) + 1);
	return { bySupporter, supported: new Set(rows.map((r) => r.supported_urn)) };
}

export interface ProposalInput {
	year: number;
	supportedUrn: number;
	supportingUrn: number;
	need: string;
	needKey: string;
	distanceKm: number | null;
	reasons: string;
}

/** An adviser (or lead adviser) proposes a match: one open partnership per supported school a year. */
export async function proposePartnership(db: Db, actor: Actor, input: ProposalInput): Promise<number> {
	const supported = await existingSchool(db, input.supportedUrn);
	requireAllowed(actor, 'partnership.propose', supported);
	const supporting = await existingSchool(db, input.supportingUrn);
	if (supporting.urn === supported.urn) throw new Refusal('A school cannot support itself.');
	return db.transaction().execute(async (trx) => {
		// The supported school's row first: two proposals for it at once are taken one after the other, and the second told.
		await lockSchool(trx, supported.urn);
		const open = await trx
			.selectFrom('partnerships')
			.select('id')
			.where('supported_urn', '=', supported.urn)
			.where('year', '=', input.year)
			.where('status', 'in', OPEN_STATUSES)
			.executeTakeFirst();
		if (open) throw new Refusal(`${supported.name} already has support proposed or under way this year.`);
		await refuseFullSupporter(trx, supporting, input.year, null);
		const now = nowIso();
		const { id } = await trx
			.insertInto('partnerships')
			.values({
				year: input.year,
				supported_urn: supported.urn,
				supporting_urn: supporting.urn,
				need: input.need,
				need_key: input.needKey,
				distance_km: input.distanceKm,
				reasons: input.reasons,
				status: 'proposed',
				supported_response: null,
				supporting_response: null,
				objectives: null,
				start_date: null,
				outcome: null,
				proposed_by: actor.id,
				proposed_at: now,
				agreed_by: null,
				agreed_at: null,
				closed_by: null,
				closed_at: null,
				updated_at: now
			})
			.returning('id')
			.executeTakeFirstOrThrow();
		await audit(trx, {
			userId: actor.id,
			action: 'partnership.propose',
			entity: 'school',
			entityId: supported.urn,
			after: { partnership: id, supportingUrn: supporting.urn, supporting: supporting.name, need: input.need }
		});
		await notify(
			trx,
			(await advisersFor(trx, supported.urn)).filter((u) => u !== actor.id),
			{
				kind: 'partnership',
				message: `School-to-school support is proposed for ${supported.name}, from ${supporting.name}. A lead adviser agrees it.`,
				link: `/brokerage/${id}`,
				urn: supported.urn
			}
		);
		return id;
	});
}

type Row = Selectable<PartnershipsTable>;

/**
 * Refuses a supporter that already has as many schools proposed or under way in the year (other
 * than partnership `except`) as its LA's settings allow. The supporting school's row is locked
 * first, so two proposals for its last place at once are taken one after the other.
 */
async function refuseFullSupporter(trx: Db, supporting: School, year: number, except: number | null): Promise<void> {
	await lockSchool(trx, supporting.urn);
	const [{ n }, stored] = await Promise.all([
		trx
			.selectFrom('partnerships')
			.select((eb) => eb.fn.countAll<number>().as('n'))
			.where('supporting_urn', '=', supporting.urn)
			.where('year', '=', year)
			.where('status', 'in', OPEN_STATUSES)
			.$if(except !== null, (q) => q.where('id', '!=', except!))
			.executeTakeFirstOrThrow(),
		brokerageSettings(trx)
	]);
	const { capacity } = settingsLookup(stored).settingsOf(supporting.laCode ?? null);
	if (Number(n) >= capacity) {
		throw new Refusal(
			`${supporting.name} already has ${Number(n)} ${Number(n) === 1 ? 'school' : 'schools'} to support, proposed or under way, as many as its LA's settings allow (${capacity}). Choose another supporter.`
		);
	}
}

/**
 * Takes one step of a partnership inside a transaction: reads it again, checks the step is allowed
 * now (takeStep), writes the new state with `change`, and logs it against the supported school.
 */
async function step(
	db: Db,
	actor: Actor,
	id: number,
	stepOf: (row: Row) => PartnershipStep,
	action: Parameters<typeof audit>[1]['action'],
	change: (row: Row, now: string) => Partial<Row>,
	extra: (trx: Db, row: Row) => Promise<Record<string, unknown>> = async () => ({})
): Promise<void> {
	await db.transaction().execute(async (trx) => {
		const row = await trx.selectFrom('partnerships').selectAll().where('id', '=', id).executeTakeFirst();
		if (!row) throw new Refusal('There is no such partnership.', { status: 404 });
		const next = takeStep({ status: row.status, supportedResponse: row.supported_response, supportingResponse: row.supporting_response }, stepOf(row));
		if (!next.ok) throw new Refusal(next.message);
		const now = nowIso();
		const written = {
			...change(row, now),
			status: next.state.status,
			supported_response: next.state.supportedResponse,
			supporting_response: next.state.supportingResponse,
			updated_at: now
		};
		// Only if nobody changed it since it was read: its status, and each school's answer (two answers at once on PostgreSQL).
		const done = await trx
			.updateTable('partnerships')
			.set(written)
			.where('id', '=', id)
			.where('status', '=', row.status)
			.where((eb) =>
				eb.and([
					row.supported_response === null ? eb('supported_response', 'is', null) : eb('supported_response', '=', row.supported_response),
					row.supporting_response === null ? eb('supporting_response', 'is', null) : eb('supporting_response', '=', row.supporting_response)
				])
			)
			.executeTakeFirst();
		if (Number(done.numUpdatedRows) !== 1) throw new Refusal('Someone else changed this partnership at the same time. Look at it again.');
		const more = await extra(trx, row);
		await audit(trx, {
			userId: actor.id,
			action,
			entity: 'school',
			entityId: row.supported_urn,
			before: { partnership: id, status: row.status },
			after: { partnership: id, status: next.state.status, ...more }
		});
	});
}

/** A lead adviser agrees a proposal, with the supporter proposed or another they chose (`other`). */
export async function agreePartnership(db: Db, actor: Actor, id: number, other?: Omit<ProposalInput, 'year' | 'supportedUrn'>): Promise<void> {
	const p = await getPartnership(db, id);
	requireAllowed(actor, 'partnership.agree', asSchool(p.supported));
	if (other) {
		const supporting = await existingSchool(db, other.supportingUrn);
		if (supporting.urn === p.supported.urn) throw new Refusal('A school cannot support itself.');
	}
	await step(
		db,
		actor,
		id,
		() => ({ kind: 'agree' }),
		'partnership.agree',
		(_, now) => ({
			agreed_by: actor.id,
			agreed_at: now,
			...(other
				? { supporting_urn: other.supportingUrn, need: other.need, need_key: other.needKey, distance_km: other.distanceKm, reasons: other.reasons }
				: {})
		}),
		async (trx, row) => {
			const supportingUrn = other?.supportingUrn ?? row.supporting_urn;
			const supporting = await existingSchool(trx, supportingUrn);
			await refuseFullSupporter(trx, supporting, row.year, id);
			const link = `/brokerage/${id}`;
			await notify(trx, await headteachersOf(trx, p.supported.urn), {
				kind: 'partnership',
				message: `The LA proposes that ${supporting.name} supports your school with: ${(other?.need ?? row.need).toLowerCase()}. Accept or decline it.`,
				link,
				urn: p.supported.urn
			});
			await notify(trx, await headteachersOf(trx, supportingUrn), {
				kind: 'partnership',
				message: `The LA proposes that your school supports ${p.supported.name} with: ${(other?.need ?? row.need).toLowerCase()}. Accept or decline it.`,
				link,
				urn: supportingUrn
			});
			return other ? { supportingUrn: other.supportingUrn, chosenInstead: true } : {};
		}
	);
}

/** Which side of a partnership a headteacher answers for: the school they lead that has not yet answered. */
function sideOf(actor: Actor, p: PartnershipView): Side {
	const mine = actor.schoolUrns ?? [];
	if (mine.includes(p.supported.urn) && p.supportedResponse === null) return 'supported';
	if (mine.includes(p.supporting.urn) && p.supportingResponse === null) return 'supporting';
	return mine.includes(p.supported.urn) ? 'supported' : 'supporting';
}

/** A headteacher accepts or declines a partnership for their own school. */
export async function respondToPartnership(db: Db, actor: Actor, id: number, response: Response): Promise<Side> {
	const p = await getPartnership(db, id);
	const side = sideOf(actor, p);
	requireAllowed(actor, 'partnership.respond', asSchool(side === 'supported' ? p.supported : p.supporting));
	await step(
		db,
		actor,
		id,
		() => ({ kind: 'respond', side, response }),
		response === 'accepted' ? 'partnership.accept' : 'partnership.decline',
		(_, now) => (response === 'declined' ? { closed_by: actor.id, closed_at: now } : {}),
		async (trx) => {
			const school = side === 'supported' ? p.supported.name : p.supporting.name;
			const after = await trx.selectFrom('partnerships').select('status').where('id', '=', id).executeTakeFirstOrThrow();
			const message =
				response === 'declined'
					? `${school} declined the school-to-school support between ${p.supporting.name} and ${p.supported.name}.`
					: after.status === 'accepted'
						? `Both schools accepted the school-to-school support for ${p.supported.name}. Set it up: objectives, a start and review dates.`
						: null;
			if (message) await notify(trx, await advisersFor(trx, p.supported.urn), { kind: 'partnership', message, link: `/brokerage/${id}`, urn: p.supported.urn });
			return { side };
		}
	);
	return side;
}

/**
 * The link adviser (or a lead adviser) sets up an accepted partnership: objectives, a start and
 * review dates on working days of the supported school's LA. Each review becomes a confirmed
 * engagement in the link adviser's schedule, so planning the year again leaves it where it is.
 */
export async function activatePartnership(
	db: Db,
	actor: Actor,
	id: number,
	input: { objectives: string; startDate: string; reviewDates: string[] }
): Promise<void> {
	const p = await getPartnership(db, id);
	requireAllowed(actor, 'partnership.manage', asSchool(p.supported));
	if (p.supported.linkAdviserId === null) {
		throw new Refusal(`${p.supported.name} has no link adviser to hold the reviews. An admin chooses one under Admin, Advisers; then set up the partnership.`);
	}
	const { calendar, closures } = await schoolCalendar(db, p.schoolYear, p.supported.urn);
	const errors = setUpProblems(input, p.schoolYear, (date) => whyNotWorkingDay(calendar, closures, date));
	if (Object.keys(errors).length > 0) throw new Refusal(Object.values(errors)[0], { errors });
	const setUp: SetUp = { objectives: input.objectives.trim(), startDate: input.startDate, reviewDates: [...input.reviewDates].sort() };
	const category = await db.selectFrom('school_categories').select('category').where('urn', '=', p.supported.urn).where('year', '=', p.year).executeTakeFirst();
	if (!category?.category)
		throw new Refusal(`${p.supported.name} has no category for ${academicYearLabel(p.year)}, so its reviews cannot be put in the schedule.`);
	await step(
		db,
		actor,
		id,
		() => ({ kind: 'activate' }),
		'partnership.activate',
		() => ({ objectives: setUp.objectives, start_date: setUp.startDate }),
		async (trx) => {
			const now = nowIso();
			await trx
				.insertInto('engagements')
				.values(
					setUp.reviewDates.map((date, i) => ({
						year: p.schoolYear,
						plan_key: `${p.supported.urn}/partnership.${id}/${i + 1}`,
						urn: p.supported.urn,
						adviser_id: p.supported.linkAdviserId!,
						template_id: PARTNERSHIP_REVIEW,
						category: category.category,
						activity: 'partnership_review' as const,
						label: `Review of the school-to-school support with ${p.supporting.name}`,
						mode: 'on_site' as const,
						date,
						days: 0.5,
						half_term: halfTermOf(calendar, date),
						sequence: i + 1,
						status: 'confirmed' as const,
						fulfils_template_id: null,
						fulfils_sequence: null,
						confirmed_at: now,
						confirmed_by: actor.id,
						cancelled_at: null,
						cancelled_by: null,
						cancel_reason: null,
						completed_at: null,
						completed_by: null,
						created_at: now,
						updated_at: now,
						quality_mark_id: null
					}))
				)
				.execute();
			return { objectives: setUp.objectives, startDate: setUp.startDate, reviewDates: setUp.reviewDates };
		}
	);
}

function checkText(text: string, what: string, field: string): string {
	const trimmed = text.trim();
	if (!trimmed) throw new Refusal(`Enter ${what}.`, { field });
	if (trimmed.length > TEXT_LIMIT) throw new Refusal(`${what.charAt(0).toUpperCase()}${what.slice(1)} must be ${TEXT_LIMIT} characters or fewer.`, { field });
	return trimmed;
}

/** Partnerships that take notes: once both schools have accepted, until it ends. */
const TAKES_NOTES: readonly PartnershipStatus[] = ['accepted', 'active'];

/** A note on an active (or accepted) partnership, by its link adviser or a lead adviser. */
export async function addPartnershipNote(db: Db, actor: Actor, id: number, text: string): Promise<void> {
	const p = await getPartnership(db, id);
	requireAllowed(actor, 'partnership.manage', asSchool(p.supported));
	const note = checkText(text, 'the note', 'note');
	await db.transaction().execute(async (trx) => {
		// Read again in the transaction, locked: a partnership ended a moment ago takes no more notes.
		const now = await lockingRows(trx, trx.selectFrom('partnerships').select('status').where('id', '=', id)).executeTakeFirstOrThrow();
		if (!TAKES_NOTES.includes(now.status)) {
			throw new Refusal(
				OPEN_STATUSES.includes(now.status)
					? 'Notes are kept once both schools have accepted the partnership.'
					: `This partnership is ${PARTNERSHIP_STATUS_LABELS[now.status].toLowerCase()}, so no more notes can be added.`
			);
		}
		await trx.insertInto('partnership_notes').values({ partnership_id: id, text: note, written_by: actor.id, written_at: nowIso() }).execute();
		await audit(trx, { userId: actor.id, action: 'partnership.note', entity: 'school', entityId: p.supported.urn, after: { partnership: id } });
	});
}

/** Cancels a partnership's reviews still to come (from `today`), saying why. */
async function cancelReviewsFrom(trx: Db, actor: Actor, p: PartnershipView, today: IsoDate, why: string): Promise<void> {
	const now = nowIso();
	await trx
		.updateTable('engagements')
		.set({ status: 'cancelled', cancelled_at: now, cancelled_by: actor.id, cancel_reason: why, updated_at: now })
		.where('template_id', '=', PARTNERSHIP_REVIEW)
		.where('plan_key', 'like', `${p.supported.urn}/partnership.${p.id}/%`)
		.where('status', 'in', ['planned', 'confirmed'])
		.where('date', '>=', today)
		.execute();
}

/** Ends an active partnership with its outcome; reviews still to come are cancelled. */
export async function endPartnership(db: Db, actor: Actor, id: number, outcome: string, today: IsoDate): Promise<void> {
	const p = await getPartnership(db, id);
	requireAllowed(actor, 'partnership.manage', asSchool(p.supported));
	const words = checkText(outcome, 'the outcome', 'outcome');
	await step(
		db,
		actor,
		id,
		() => ({ kind: 'end' }),
		'partnership.end',
		(_, now) => ({ outcome: words, closed_by: actor.id, closed_at: now }),
		async (trx) => {
			await cancelReviewsFrom(trx, actor, p, today, 'The school-to-school support partnership ended.');
			return { outcome: words };
		}
	);
}

/** Withdraws a partnership not yet under way: the school can then be proposed support again. */
export async function withdrawPartnership(db: Db, actor: Actor, id: number): Promise<void> {
	const p = await getPartnership(db, id);
	requireAllowed(actor, 'partnership.propose', asSchool(p.supported));
	await step(
		db,
		actor,
		id,
		() => ({ kind: 'withdraw' }),
		'partnership.withdraw',
		(_, now) => ({ closed_by: actor.id, closed_at: now }),
		async (trx, row) => {
			// The headteachers were asked once it was agreed: they are told it will not go ahead.
			if (row.status === 'proposed') return {};
			const message = `The school-to-school support between ${p.supporting.name} and ${p.supported.name} has been withdrawn by the LA. Nothing more is needed from your school.`;
			for (const urn of [p.supported.urn, p.supporting.urn])
				await notify(trx, await headteachersOf(trx, urn), { kind: 'partnership', message, link: `/brokerage/${id}`, urn });
			return {};
		}
	);
}
