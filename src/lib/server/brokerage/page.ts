import type { Db } from '../db';
import { latestCategoryYear } from '../analysis/categories';
import { can, servedLas, type Actor } from '../../domain/access';
import { Refusal } from '../../domain/refusal';
import { academicYearLabel } from '../../domain/ks2/types';
import { OPEN_STATUSES } from '../../domain/brokerage/partnership';
import type { ProposedMatch, Unmatched } from '../../domain/brokerage';
import { proposals } from './proposals';
import { declinedIn, listPartnerships, type PartnershipView } from './partnerships';
import { supporterChoices } from './choices';

export interface ProposalRow extends ProposedMatch {
	supportedName: string;
	supportingName: string;
	/** Whether the person looking may propose it. */
	mayPropose: boolean;
}

/** A partnership as the list shows it, and no more. */
export interface PartnershipRow {
	id: number;
	supportedName: string;
	supportingName: string;
	need: string;
	schoolYearLabel: string;
	status: PartnershipView['status'];
}

export interface BrokerageView {
	year: number | null;
	yearLabel: string | null;
	schoolYearLabel: string | null;
	partnerships: PartnershipRow[];
	/** Matches for schools with no open partnership, by supporters with room left (staff only). */
	proposals: ProposalRow[];
	unmatched: (Unmatched & { name: string })[];
	counts: { active: number; underWay: number; withoutSupport: number };
}

/**
 * What `/brokerage` shows someone: for staff, the partnerships of the LAs they serve and the
 * proposals for schools with none yet (an adviser sees those of their link schools first: all are
 * listed, and they may propose their own); for a headteacher, the partnerships of their school.
 * Proposals leave out a school already in an open partnership, a supporter that said no to it this
 * year, and a supporter already at its capacity with partnerships under way.
 */
export async function brokerageView(db: Db, actor: Actor): Promise<BrokerageView> {
	const year = await latestCategoryYear(db, { las: actor.role === 'headteacher' ? null : servedLas(actor) });
	if (actor.role === 'headteacher') {
		// A headteacher is asked once a lead adviser has agreed a partnership; proposals are the LA's working.
		const partnerships = (await listPartnerships(db, { urns: actor.schoolUrns ?? [] })).filter((p) => p.agreedAt !== null).map(asRow);
		return { ...labels(year), partnerships, proposals: [], unmatched: [], counts: countsOf(partnerships, 0) };
	}
	const las = servedLas(actor);
	const all = await listPartnerships(db, { las });
	const partnerships = all.map(asRow);
	// Counted as the overview counts them: the year's partnerships of the served LAs' schools supported.
	const counted = all.filter((p) => p.year === year && (las === null || (p.supported.laCode !== null && las.includes(p.supported.laCode)))).map(asRow);
	if (year === null) return { ...labels(year), partnerships, proposals: [], unmatched: [], counts: countsOf(counted, 0) };
	const { rows, unmatched } = await openProposals(db, year, las);
	const names = await schoolNames(db, [...rows.flatMap((m) => [m.supportedUrn, m.supportingUrn]), ...unmatched.map((u) => u.urn)]);
	const links = new Map(
		(
			await db
				.selectFrom('schools')
				.select(['urn', 'link_adviser_id', 'la_code'])
				.where('urn', 'in', [0, ...rows.map((m) => m.supportedUrn)])
				.execute()
		).map((s) => [s.urn, s])
	);
	const proposalRows = rows.map((m) => {
		const s = links.get(m.supportedUrn);
		return {
			...m,
			supportedName: names.get(m.supportedUrn) ?? `URN ${m.supportedUrn}`,
			supportingName: names.get(m.supportingUrn) ?? `URN ${m.supportingUrn}`,
			mayPropose: can(actor, 'partnership.propose', { urn: m.supportedUrn, linkAdviserId: s?.link_adviser_id ?? null, laCode: s?.la_code ?? null })
		};
	});
	// An adviser's own link schools first, then the rest, each by name.
	proposalRows.sort((a, b) => Number(b.mayPropose) - Number(a.mayPropose) || a.supportedName.localeCompare(b.supportedName));
	return {
		...labels(year),
		partnerships,
		proposals: proposalRows,
		unmatched: unmatched.map((u) => ({ ...u, name: names.get(u.urn) ?? `URN ${u.urn}` })),
		counts: countsOf(counted, unmatched.length + rows.length)
	};
}

/** The matches still to act on in a year, for the LAs given: see brokerageView and `proposals`. */
export async function openProposals(db: Db, year: number, las: readonly string[] | null): Promise<{ rows: ProposedMatch[]; unmatched: Unmatched[] }> {
	const found = await proposals(db, { year, las });
	return { rows: found.matches, unmatched: found.unmatched };
}

/** The match proposed for one school this year, as the page offered it: the server's, never the form's. */
export async function proposalFor(db: Db, actor: Actor, year: number, supportedUrn: number, supportingUrn: number): Promise<ProposedMatch> {
	// Proposals are made from the latest categories only, as the page lists them: not a past year's posted by hand.
	const latest = await latestCategoryYear(db, { las: servedLas(actor) });
	const { rows } = year === latest ? await openProposals(db, year, servedLas(actor)) : { rows: [] };
	const found = rows.find((m) => m.supportedUrn === supportedUrn && m.supportingUrn === supportingUrn);
	if (!found)
		throw new Refusal('That proposal is no longer open: the school may have support proposed already, or the data has changed. Look at the proposals again.');
	return found;
}

function asRow(p: PartnershipView): PartnershipRow {
	return { id: p.id, supportedName: p.supported.name, supportingName: p.supporting.name, need: p.need, schoolYearLabel: p.schoolYearLabel, status: p.status };
}

function countsOf(partnerships: readonly PartnershipRow[], withoutSupport: number) {
	return {
		active: partnerships.filter((p) => p.status === 'active').length,
		underWay: partnerships.filter((p) => OPEN_STATUSES.includes(p.status) && p.status !== 'active').length,
		withoutSupport
	};
}

function labels(year: number | null) {
	return { year, yearLabel: year === null ? null : academicYearLabel(year), schoolYearLabel: year === null ? null : academicYearLabel(year + 1) };
}

async function schoolNames(db: Db, urns: number[]): Promise<Map<number, string>> {
	const unique = [...new Set(urns)];
	if (unique.length === 0) return new Map();
	const rows = await db.selectFrom('schools').select(['urn', 'name']).where('urn', 'in', unique).execute();
	return new Map(rows.map((r) => [r.urn, r.name]));
}

/** May this person see this partnership: staff who serve either school's LA, or either school's headteacher. */
export function maySeePartnership(actor: Actor, p: PartnershipView): boolean {
	if (actor.role === 'headteacher' && p.agreedAt === null) return false;
	const schools = [p.supported, p.supporting].map((s) => ({ urn: s.urn, linkAdviserId: s.linkAdviserId, laCode: s.laCode }));
	return schools.some((s) => can(actor, 'school.view', s));
}

/**
 * The supporters a lead adviser may choose from for a proposed partnership, best first, counting
 * the partnerships under way (not this one) against each supporter's capacity, and leaving out any
 * that said no. The one proposed is marked.
 */
export async function otherSupporters(db: Db, p: PartnershipView) {
	const [declined, open] = await Promise.all([
		declinedIn(db, p.year),
		db
			.selectFrom('partnerships')
			.select(['supporting_urn', 'supported_urn'])
			.where('year', '=', p.year)
			.where('status', 'in', OPEN_STATUSES)
			.where('id', '!=', p.id)
			.execute()
	]);
	const ranking = await supporterChoices(db, {
		year: p.year,
		urn: p.supported.urn,
		declined,
		proposed: open.map((o) => ({ supportingUrn: o.supporting_urn, supportedUrn: o.supported_urn }))
	});
	return { ...ranking, supporters: ranking.supporters.filter((s) => s.urn !== p.supporting.urn) };
}
