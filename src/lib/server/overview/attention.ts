import type { Db } from '../db';
import type { ModerationItem } from '../analysis/moderation';
import { openDisagreements } from '../disagreements';
import { overdueEngagements } from '../schedule/engagements';
import { expiringQualityMarks } from '../quality-mark/queries';
import { CATEGORY_LABELS, categoryRank, type Category } from '../../domain/analysis/categories';
import { dateInEngland } from '../../domain/calendar/iso-date';
import { longDate } from '../../domain/format';
import type { CategoryStatus } from '../analysis/categories';
import { keepServed, type Served } from '../la-scope';

/*
 * The overview's "needs attention" list: each kind of thing that is waiting for someone, with a
 * link to the page where it is dealt with. Lists are cut to a few items; the count is the whole.
 */

/** How many items of each kind the overview lists before "and N more". */
export const ATTENTION_LIMIT = 5;

export interface AttentionList<T> {
	total: number;
	items: T[];
}

function cut<T>(all: readonly T[], limit = ATTENTION_LIMIT): AttentionList<T> {
	return { total: all.length, items: all.slice(0, limit) };
}

export interface AwaitingItem {
	urn: number;
	name: string;
	category: Category;
	status: CategoryStatus;
	/** Why to look at it first, if anything stands out. */
	reason: string | null;
}

export interface MovedUpItem {
	urn: number;
	name: string;
	from: Category;
	to: Category;
	agreed: boolean;
}

export interface DisagreementItem {
	id: number;
	urn: number;
	name: string;
	status: 'open' | 'reviewed';
	raisedOn: string;
}

export interface OverdueItem {
	id: number;
	urn: number;
	name: string;
	label: string;
	date: string;
	adviser: string;
}

export interface ExpiringItem {
	urn: number;
	name: string;
	frameworkKey: string;
	framework: string;
	expiryDate: string;
}

export interface SelfReferralItem {
	id: number;
	urn: number;
	name: string;
	date: string;
	details: string;
}

export interface Attention {
	/** The results year of the proposals and moves; null before the first analysis. */
	year: number | null;
	awaiting: AttentionList<AwaitingItem>;
	movedUp: AttentionList<MovedUpItem>;
	disagreements: AttentionList<DisagreementItem>;
	overdue: AttentionList<OverdueItem>;
	expiring: AttentionList<ExpiringItem>;
	selfReferrals: AttentionList<SelfReferralItem>;
}

/** Proposals (or advisers' changes) not yet agreed, in the order the moderation page lists them. */
export function awaitingAgreement(items: readonly ModerationItem[]): AwaitingItem[] {
	return items
		.filter((i) => i.status !== 'agreed')
		.map((i) => ({ urn: i.urn, name: i.name, category: i.category, status: i.status, reason: i.attention[0] ?? null }));
}

/** Schools whose category this year needs more support than last year's agreed one, biggest step first. */
export function movedUp(items: readonly ModerationItem[]): MovedUpItem[] {
	return items
		.filter((i) => i.lastYear !== null && categoryRank(i.category) > categoryRank(i.lastYear))
		.map((i) => ({ urn: i.urn, name: i.name, from: i.lastYear as Category, to: i.category, agreed: i.status === 'agreed' }))
		.sort((a, b) => categoryRank(b.to) - categoryRank(b.from) - (categoryRank(a.to) - categoryRank(a.from)) || a.name.localeCompare(b.name));
}

/** Self-referrals from schools that are still open on `today`, oldest first. */
export async function openSelfReferrals(db: Db, today: string): Promise<SelfReferralItem[]> {
	const rows = await db
		.selectFrom('soft_intelligence as si')
		.innerJoin('schools as s', 's.urn', 'si.urn')
		.select(['si.id', 'si.urn', 's.name', 'si.date', 'si.details'])
		.where('si.type', '=', 'self_referral')
		.where('si.date', '<=', today)
		.where((eb) => eb.or([eb('si.end_date', 'is', null), eb('si.end_date', '>', today)]))
		.orderBy('si.date')
		.orderBy('si.id')
		.execute();
	return rows;
}

/** `served`: the schools whose items it lists (la-scope.ts); the moderation list comes already kept to them. */
export async function attentionLists(
	db: Db,
	year: number | null,
	moderation: readonly ModerationItem[],
	today: string,
	served: Served = null
): Promise<Attention> {
	const [disagreements, overdue, expiring, selfReferrals] = await Promise.all([
		openDisagreements(db).then((rows) => keepServed(served, rows)),
		overdueEngagements(db, today).then((rows) => keepServed(served, rows)),
		expiringQualityMarks(db, today, 6).then((rows) => keepServed(served, rows)),
		openSelfReferrals(db, today).then((rows) => keepServed(served, rows))
	]);
	return {
		year,
		awaiting: cut(awaitingAgreement(moderation)),
		movedUp: cut(movedUp(moderation)),
		disagreements: cut(
			disagreements.map((d) => ({
				id: d.id,
				urn: d.urn,
				name: d.name,
				status: d.status === 'reviewed' ? 'reviewed' : 'open',
				raisedOn: dateInEngland(d.raised_at)
			}))
		),
		overdue: cut(overdue.map((e) => ({ id: e.id, urn: e.urn, name: e.schoolName, label: e.label, date: e.date, adviser: e.adviserName }))),
		expiring: cut(
			expiring.map((q) => ({ urn: q.urn, name: q.schoolName, frameworkKey: q.frameworkKey, framework: q.frameworkName, expiryDate: q.expiryDate ?? '' }))
		),
		selfReferrals: cut(selfReferrals)
	};
}

/** One line of a "needs attention" list: a link to where it is dealt with, and what it is in a line. */
export interface AttentionLine {
	key: string;
	href: string;
	text: string;
	/** Read after the link text by screen readers only, where the link alone would be ambiguous. */
	hidden: string | null;
	detail: string;
	category: Category | null;
}

/** A "needs attention" list as the overview shows it. */
export interface AttentionGroup {
	title: string;
	total: number;
	lines: AttentionLine[];
	/** Where to see them all, or deal with them in bulk. */
	more: { href: string; text: string } | null;
	empty: string;
}

const line = (key: string | number, href: string, text: string, detail: string, extra: Partial<AttentionLine> = {}): AttentionLine => ({
	key: String(key),
	href,
	text,
	detail,
	hidden: null,
	category: null,
	...extra
});

/** The lists in the order the overview shows them, each in words and links. */
export function attentionGroups(a: Attention): AttentionGroup[] {
	const analysis = a.year === null ? '/analysis' : `/analysis?year=${a.year}`;
	return [
		{
			title: 'Categories waiting to be agreed',
			total: a.awaiting.total,
			lines: a.awaiting.items.map((i) =>
				line(i.urn, `/schools/${i.urn}`, i.name, i.reason ?? (i.status === 'changed' ? 'Changed by an adviser' : 'Proposed by the analysis'), {
					category: i.category
				})
			),
			more: { href: analysis, text: 'See them in the desktop analysis, where lead advisers agree them' },
			empty: 'Every category is agreed.'
		},
		{
			title: 'Schools moved to more support',
			total: a.movedUp.total,
			lines: a.movedUp.items.map((i) =>
				line(i.urn, `/schools/${i.urn}`, i.name, `${CATEGORY_LABELS[i.from]} to ${CATEGORY_LABELS[i.to]}, ${i.agreed ? 'agreed' : 'not yet agreed'}`)
			),
			more: { href: analysis, text: 'See every school in the desktop analysis' },
			empty: 'No school moved to more support since last year.'
		},
		{
			title: 'Disagreements from schools',
			total: a.disagreements.total,
			lines: a.disagreements.items.map((i) =>
				line(
					i.id,
					`/schools/${i.urn}/disagreement`,
					i.name,
					`Raised on ${longDate(i.raisedOn)}; ${i.status === 'reviewed' ? 'reviewed, waiting for a lead adviser’s decision' : 'waiting for the link adviser’s review'}`,
					{ hidden: ': disagreement' }
				)
			),
			more: null,
			empty: 'No school has a disagreement waiting.'
		},
		{
			title: 'Overdue engagements',
			total: a.overdue.total,
			lines: a.overdue.items.map((i) =>
				line(i.id, `/schedule/engagements/${i.id}`, i.label, `${i.name}, due ${longDate(i.date)}, ${i.adviser}`, { hidden: ` at ${i.name}` })
			),
			more: { href: '/schedule', text: 'Go to the schedule' },
			empty: 'No engagement is overdue.'
		},
		{
			title: 'Quality Marks expiring within 6 months',
			total: a.expiring.total,
			lines: a.expiring.items.map((i) =>
				line(`${i.urn}/${i.frameworkKey}`, `/quality-mark/${i.urn}/${i.frameworkKey}`, i.name, `${i.framework}, expires ${longDate(i.expiryDate)}`, {
					hidden: `: ${i.framework}`
				})
			),
			more: { href: '/quality-mark', text: 'See every Quality Mark' },
			empty: 'No Quality Mark expires in the next 6 months.'
		},
		{
			title: 'Schools asking for support',
			total: a.selfReferrals.total,
			lines: a.selfReferrals.items.map((i) =>
				line(i.id, `/schools/${i.urn}#soft-intelligence`, i.name, `Since ${longDate(i.date)}${i.details ? `: ${i.details}` : ''}`, {
					hidden: ': request for support'
				})
			),
			more: null,
			empty: 'No school has an open request for support.'
		}
	];
}
