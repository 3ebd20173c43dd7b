import { isCategory, type Category } from '../../domain/analysis/categories';
import { INTERVENTION_STATUSES, type InterventionStatus } from '../../domain/analysis/intervention';
import { isMovement, type Movement } from '../../domain/la-comparison';
import { isQmStatus, type QmStatus } from '../../domain/quality-mark';
import { isRowId } from '../../domain/ids';

/*
 * The school list's search, filters, sort and page as they live in the URL, so a filtered view
 * can be bookmarked and shared. Anything unknown in the URL is ignored rather than refused: an
 * old bookmark still opens, showing what it still can.
 */

export const SORTS = ['name', 'urn', 'phase', 'town', 'adviser', 'category'] as const;
export type SortKey = (typeof SORTS)[number];
export type SortDirection = 'asc' | 'desc';

export const FLAGS = ['below_2_of_3', 'no_ks2', 'needs_confirmation', 'qm_holder'] as const;
export type Flag = (typeof FLAGS)[number];

export const FLAG_LABELS: Record<Flag, string> = {
	below_2_of_3: 'Below England in 2 of the last 3 years',
	no_ks2: 'No KS2 data',
	needs_confirmation: 'Needs confirmation by an adviser',
	qm_holder: 'Quality Mark holder'
};

export interface SchoolListQuery {
	/** Part of the name, or the whole URN. */
	q: string;
	/** A category, 'none' for schools not analysed, or '' for any. */
	category: Category | 'none' | '';
	/** A DfE intervention status as of today, or '' for any. */
	intervention: InterventionStatus | '';
	/** How the category moved since last year's, or '' for any. */
	moved: Movement | '';
	/** A link adviser's user id, 'none' for schools without one, or null for any. */
	adviser: number | 'none' | null;
	/** An LA code, or '' for any. */
	la: string;
	phase: string;
	/** A Quality Mark status under any framework, or '' for any. */
	qm: QmStatus | '';
	/** Every flag must hold. */
	flags: Flag[];
	/** Closed schools too (GIAS keeps them in the register); open schools only by default. */
	closed: boolean;
	sort: SortKey;
	dir: SortDirection;
	page: number;
	/**
	 * The LAs whose schools the person asking serves (access.ts `servedLas`); absent or null for
	 * every LA. Not part of the address: it comes from who is signed in.
	 */
	served?: readonly string[] | null;
}

export const DEFAULT_QUERY: SchoolListQuery = {
	q: '',
	category: '',
	intervention: '',
	moved: '',
	adviser: null,
	la: '',
	phase: '',
	qm: '',
	flags: [],
	closed: false,
	sort: 'name',
	dir: 'asc',
	page: 1
};

const MAX_TEXT = 100;

function text(params: URLSearchParams, name: string): string {
	return (params.get(name) ?? '').trim().slice(0, MAX_TEXT);
}

export function parseListQuery(params: URLSearchParams): SchoolListQuery {
	const category = text(params, 'category');
	const intervention = text(params, 'intervention');
	const adviser = text(params, 'adviser');
	const qm = text(params, 'qm');
	const moved = text(params, 'moved');
	const sort = text(params, 'sort');
	const page = Number(params.get('page'));
	const adviserId = Number(adviser);
	return {
		q: text(params, 'q'),
		category: isCategory(category) || category === 'none' ? category : '',
		intervention: (INTERVENTION_STATUSES as readonly string[]).includes(intervention) ? (intervention as InterventionStatus) : '',
		moved: isMovement(moved) ? moved : '',
		adviser: adviser === 'none' ? 'none' : isRowId(adviserId) ? adviserId : null,
		la: text(params, 'la'),
		phase: text(params, 'phase'),
		qm: isQmStatus(qm) ? qm : '',
		flags: FLAGS.filter((f) => params.getAll('flag').includes(f)),
		closed: params.get('closed') === 'include',
		sort: (SORTS as readonly string[]).includes(sort) ? (sort as SortKey) : 'name',
		dir: params.get('dir') === 'desc' ? 'desc' : 'asc',
		page: Number.isInteger(page) && page > 0 ? page : 1
	};
}

/** The query string for a list view, leaving out anything at its default so links stay short. */
export function listSearch(query: SchoolListQuery, change: Partial<SchoolListQuery> = {}): string {
	const q = { ...query, ...change };
	const params = new URLSearchParams();
	if (q.q) params.set('q', q.q);
	if (q.category) params.set('category', q.category);
	if (q.intervention) params.set('intervention', q.intervention);
	if (q.moved) params.set('moved', q.moved);
	if (q.adviser !== null) params.set('adviser', String(q.adviser));
	if (q.la) params.set('la', q.la);
	if (q.phase) params.set('phase', q.phase);
	if (q.qm) params.set('qm', q.qm);
	for (const f of q.flags) params.append('flag', f);
	if (q.closed) params.set('closed', 'include');
	if (q.sort !== 'name' || q.dir !== 'asc') {
		params.set('sort', q.sort);
		params.set('dir', q.dir);
	}
	if (q.page > 1) params.set('page', String(q.page));
	const search = params.toString();
	return search ? `?${search}` : '';
}

/** True when any filter or search narrows the list. */
export function isFiltered(q: SchoolListQuery): boolean {
	return (
		q.q !== '' ||
		q.category !== '' ||
		q.intervention !== '' ||
		q.moved !== '' ||
		q.adviser !== null ||
		q.la !== '' ||
		q.phase !== '' ||
		q.qm !== '' ||
		q.flags.length > 0 ||
		q.closed
	);
}
