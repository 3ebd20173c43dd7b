import { eachDayOfInterval, isWeekend } from 'date-fns';
import type { Db } from '../db';
import { stillOpen, withoutActiveLinkAdviser } from '../schools';
import { audit } from '../audit';
import { nowIso, today as todayInLondon } from '../clock';
import { Refusal } from '../../domain/refusal';
import type { Role } from '../../domain/roles';
import { ADVISER_ROLES, servedLas, type Actor } from '../../domain/access';
import { usersServing } from '../la-scope';
import { daysBetween, isIsoDate, toDate, toIso, type IsoDate } from '../../domain/calendar/iso-date';
import type { Adviser } from '../../domain/planner/plan-types';
import { dayAndDate } from '../../domain/format';

/**
 * Days a week an adviser is planned at until an admin sets their own figure: most SIAs spend
 * part of the week on other duties (docs/scheduling.md). Shown as "default" on the admin page.
 */
export const DEFAULT_DAYS_PER_WEEK = 3;

/** The longest stretch of leave added in one go, so a typo in the year cannot add hundreds of days. */
const MAX_DAYS_OFF_AT_ONCE = 70;

export interface AdviserSummary {
	id: number;
	name: string;
	email: string;
	role: Role;
	daysPerWeek: number;
	/** False while the adviser is planned at DEFAULT_DAYS_PER_WEEK. */
	capacitySet: boolean;
	daysOff: { date: IsoDate; reason: string | null }[];
	/** Days a week before each change, oldest first (see Adviser.earlier in the planner). */
	earlier: { until: IsoDate; daysPerWeek: number }[];
	schoolCount: number;
}

/**
 * Every active adviser and lead adviser (lead advisers can be link advisers too), by name. `las`:
 * their link schools are counted in these LAs only (access.ts `servedLas`); null for every LA.
 */
export async function listAdvisers(db: Db, las: readonly string[] | null = null): Promise<AdviserSummary[]> {
	const users = await db
		.selectFrom('users')
		.leftJoin('adviser_capacity as c', 'c.user_id', 'users.id')
		.select(['users.id', 'users.name', 'users.email', 'users.role', 'c.days_per_week'])
		.where('users.role', 'in', ADVISER_ROLES)
		.where('users.disabled_at', 'is', null)
		.orderBy('users.name')
		.orderBy('users.id')
		.execute();
	const daysOff = await db.selectFrom('adviser_days_off').select(['user_id', 'date', 'reason']).orderBy('date').execute();
	const history = await db.selectFrom('adviser_capacity_history').select(['user_id', 'until_date', 'days_per_week']).orderBy('until_date').execute();
	const counts = await db
		.selectFrom('schools')
		.select(['link_adviser_id', db.fn.countAll<number>().as('n')])
		.where('link_adviser_id', 'is not', null)
		.$if(las !== null, (qb) => qb.where('la_code', 'in', las!))
		.groupBy('link_adviser_id')
		.execute();
	const countOf = new Map(counts.map((c) => [c.link_adviser_id, Number(c.n)]));
	return users.map((u) => ({
		id: u.id,
		name: u.name,
		email: u.email,
		role: u.role,
		daysPerWeek: u.days_per_week ?? DEFAULT_DAYS_PER_WEEK,
		capacitySet: u.days_per_week !== null,
		daysOff: daysOff.filter((d) => d.user_id === u.id).map((d) => ({ date: d.date, reason: d.reason })),
		earlier: history.filter((h) => h.user_id === u.id).map((h) => ({ until: h.until_date, daysPerWeek: h.days_per_week })),
		schoolCount: countOf.get(u.id) ?? 0
	}));
}

export async function getAdviser(db: Db, id: number): Promise<AdviserSummary | null> {
	return (await listAdvisers(db)).find((a) => a.id === id) ?? null;
}

/** The advisers as the planner sees them: ids are their user ids. */
export function toPlannerAdvisers(advisers: readonly AdviserSummary[]): Adviser[] {
	return advisers.map((a) => ({ id: a.id, name: a.name, daysPerWeek: a.daysPerWeek, daysOff: a.daysOff.map((d) => d.date), earlier: a.earlier }));
}

async function requireAdviser(db: Db, id: number): Promise<AdviserSummary> {
	const adviser = await getAdviser(db, id);
	if (!adviser) throw new Refusal('There is no active adviser with that id.', { status: 404 });
	return adviser;
}

export async function setCapacity(db: Db, userId: number | null, adviserId: number, text: string, today: IsoDate = todayInLondon()): Promise<void> {
	const adviser = await requireAdviser(db, adviserId);
	const days = Number(text);
	if (text === '' || !Number.isFinite(days) || days < 0 || days > 5 || !Number.isInteger(days * 4)) {
		const message = 'Enter days a week for school work from 0 to 5, in quarter days, like 3 or 3.5.';
		throw new Refusal(message, { field: 'days-per-week' });
	}
	await db.transaction().execute(async (trx) => {
		// The figure until today stays for the weeks already worked; the first change of a day keeps the day's starting figure.
		if (days !== adviser.daysPerWeek) {
			await trx
				.insertInto('adviser_capacity_history')
				.values({ user_id: adviserId, until_date: today, days_per_week: adviser.daysPerWeek })
				.onConflict((oc) => oc.columns(['user_id', 'until_date']).doNothing())
				.execute();
		}
		await trx
			.insertInto('adviser_capacity')
			.values({ user_id: adviserId, days_per_week: days, updated_at: nowIso(), updated_by: userId })
			.onConflict((oc) => oc.column('user_id').doUpdateSet({ days_per_week: days, updated_at: nowIso(), updated_by: userId }))
			.execute();
		await audit(trx, {
			userId,
			action: 'adviser.capacity',
			entity: 'user',
			entityId: adviserId,
			before: { daysPerWeek: adviser.daysPerWeek },
			after: { daysPerWeek: days }
		});
	});
}

/**
 * Adds the weekdays from `from` to `to` (or just `from`) as days off. Weekends are skipped; days
 * already off are left as they are.
 */
export async function addDaysOff(db: Db, userId: number | null, adviserId: number, input: { from: string; to: string; reason: string }): Promise<number> {
	await requireAdviser(db, adviserId);
	const errors: Record<string, string> = {};
	const to = input.to || input.from;
	if (!isIsoDate(input.from)) errors['off-from'] = 'Enter the first day off as a real date, like 2026-11-13.';
	if (!isIsoDate(to)) errors['off-to'] = 'Enter the last day off as a real date, or leave it empty for a single day.';
	else if (isIsoDate(input.from) && to < input.from) errors['off-to'] = `The last day off must be on or after ${dayAndDate(input.from)}.`;
	else if (isIsoDate(input.from) && daysBetween(input.from, to) >= MAX_DAYS_OFF_AT_ONCE)
		errors['off-to'] = `Add at most ${MAX_DAYS_OFF_AT_ONCE} days at a time.`;
	if (input.reason.length > 200) errors['off-reason'] = 'The reason must be 200 characters or fewer.';
	if (Object.keys(errors).length > 0) throw new Refusal(Object.values(errors)[0], { errors });

	const dates = eachDayOfInterval({ start: toDate(input.from), end: toDate(to) })
		.filter((d) => !isWeekend(d))
		.map(toIso);
	if (dates.length === 0)
		throw new Refusal('Those days are all at a weekend, so there is nothing to add.', { errors: { 'off-from': 'Those days are all at a weekend.' } });
	await db.transaction().execute(async (trx) => {
		await trx
			.insertInto('adviser_days_off')
			.values(dates.map((date) => ({ user_id: adviserId, date, reason: input.reason || null, created_at: nowIso() })))
			.onConflict((oc) => oc.columns(['user_id', 'date']).doNothing())
			.execute();
		await audit(trx, { userId, action: 'adviser.days_off.add', entity: 'user', entityId: adviserId, after: { dates, reason: input.reason || null } });
	});
	return dates.length;
}

export async function removeDayOff(db: Db, userId: number, adviserId: number, date: string): Promise<void> {
	const removed = await db.transaction().execute(async (trx) => {
		const result = await trx.deleteFrom('adviser_days_off').where('user_id', '=', adviserId).where('date', '=', date).executeTakeFirst();
		if (Number(result.numDeletedRows) === 0) return false;
		await audit(trx, { userId, action: 'adviser.days_off.remove', entity: 'user', entityId: adviserId, before: { date } });
		return true;
	});
	if (!removed) throw new Refusal('That day off has already been removed.');
}

export interface LinkSchool {
	urn: number;
	name: string;
	town: string | null;
	phase: string | null;
	linkAdviserId: number | null;
}

/** Schools with this link adviser, or with none when `adviserId` is null. Open and closed alike. */
export async function linkSchools(db: Db, adviserId: number | null): Promise<LinkSchool[]> {
	let q = db.selectFrom('schools').select(['urn', 'name', 'town', 'phase', 'link_adviser_id']).orderBy('name').orderBy('urn');
	// Without one: none set, or one who can no longer act as one (disabled), of the schools still open.
	q = adviserId === null ? q.where(withoutActiveLinkAdviser('link_adviser_id')).where(stillOpen('status')) : q.where('link_adviser_id', '=', adviserId);
	return (await q.execute()).map((s) => ({ urn: s.urn, name: s.name, town: s.town, phase: s.phase, linkAdviserId: s.link_adviser_id }));
}

/**
 * Gives every school in `urns` the link adviser `toAdviserId` (null: none), one audit entry per
 * school. Their planned engagements move to the new adviser the next time the year is planned;
 * confirmed and completed ones stay with whoever has them.
 */
export async function reassignSchools(db: Db, actor: Actor, urns: number[], toAdviserId: number | null): Promise<number> {
	const userId = actor.id;
	if (urns.length === 0) throw new Refusal('Choose at least one school to reassign.', { field: 'schools' });
	if (toAdviserId !== null && !(await getAdviser(db, toAdviserId))) {
		throw new Refusal('Choose an active adviser to give the schools to.', { field: 'to-adviser' });
	}
	// An admin who serves some LAs links their schools only, and only to an adviser who serves one of those LAs.
	const las = servedLas(actor);
	const serving = await usersServing(db, las);
	if (toAdviserId !== null && serving !== null && !serving.has(toAdviserId)) {
		throw new Refusal('Choose an adviser who serves your LAs to give the schools to.', { field: 'to-adviser' });
	}
	const schools = await db
		.selectFrom('schools')
		.select(['urn', 'name', 'link_adviser_id', 'la_code'])
		.where('urn', 'in', urns)
		.$if(las !== null, (qb) => qb.where('la_code', 'in', las!))
		.orderBy('urn')
		.execute();
	// Another LA's school is as unknown to them as one no longer in the register.
	if (schools.length !== new Set(urns).size) throw new Refusal('Some of those schools are no longer in the register. Reload the page and try again.');
	// Whoever gives them, a school's link adviser serves its LA: else its visits go to someone who cannot open its page.
	if (toAdviserId !== null) {
		for (const la of new Set(schools.map((s) => s.la_code))) {
			if (la === null || (await usersServing(db, [la]))!.has(toAdviserId)) continue;
			const school = schools.find((s) => s.la_code === la)!;
			throw new Refusal(`That adviser does not serve the LA of ${school.name}. Choose an adviser who serves it.`, { field: 'to-adviser' });
		}
	}
	const moving = schools.filter((s) => s.link_adviser_id !== toAdviserId);
	await db.transaction().execute(async (trx) => {
		for (const s of moving) {
			await trx.updateTable('schools').set({ link_adviser_id: toAdviserId, updated_at: nowIso() }).where('urn', '=', s.urn).execute();
			await audit(trx, {
				userId,
				action: 'school.link_adviser',
				entity: 'school',
				entityId: s.urn,
				before: { linkAdviserId: s.link_adviser_id },
				after: { linkAdviserId: toAdviserId }
			});
		}
	});
	return moving.length;
}
