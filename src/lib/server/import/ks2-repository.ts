import type { Db } from '../db';
import type { Ks2FigureCodes, Ks2FigureValues } from '../db/schema/imports';
import type { Ks2Comparator, Ks2Field, Ks2Figures, Ks2SchoolYear } from '../../domain/ks2/types';
import { KS2_FIELD_SPECS } from '../../domain/import/ks2-fields';
import { codeColumn, KS2_COLUMN_OF } from './ks2-columns';
import { chunks } from './handler';

type FigureRow = Ks2FigureValues & Ks2FigureCodes;

/** Stored columns back to the domain shape: a number or null, and the code kept where one was published. */
function toFigures(row: FigureRow): { figures: Ks2Figures; codes: Partial<Record<Ks2Field, string>> } {
	const figures = {} as Ks2Figures;
	const codes: Partial<Record<Ks2Field, string>> = {};
	for (const { field } of KS2_FIELD_SPECS) {
		const column = KS2_COLUMN_OF[field];
		figures[field] = row[column];
		const code = row[codeColumn(column)];
		if (code !== null) codes[field] = code;
	}
	return { figures, codes };
}

export interface Ks2Selection {
	/** Only these schools; all schools when left out. */
	urns?: readonly number[];
	/** The latest summer to include (2019 = 2018/19); every year when left out. */
	upToYear?: number;
	/** The earliest summer to include. */
	fromYear?: number;
}

export interface Ks2ForAnalysis {
	results: Ks2SchoolYear[];
	/** LA and England rows for the same years. */
	comparators: Ks2Comparator[];
}

/**
 * KS2 results and comparators as the analysis engine wants them, oldest year first.
 * Only live data is here: rolled-back imports have already been undone.
 */
export async function loadKs2ForAnalysis(db: Db, selection: Ks2Selection = {}): Promise<Ks2ForAnalysis> {
	const { urns, upToYear, fromYear } = selection;
	const base = () => {
		let q = db.selectFrom('ks2_results').selectAll();
		if (upToYear !== undefined) q = q.where('year', '<=', upToYear);
		if (fromYear !== undefined) q = q.where('year', '>=', fromYear);
		return q;
	};
	const rows = urns === undefined ? await base().execute() : (await Promise.all(chunks(urns).map((group) => base().where('urn', 'in', group).execute()))).flat();
	rows.sort((a, b) => a.year - b.year || a.urn - b.urn);
	const results: Ks2SchoolYear[] = rows.map((r) => {
		const { figures, codes } = toFigures(r);
		return { urn: r.urn, year: r.year, recordType: r.record_type === 2 ? 2 : 1, ...figures, codes };
	});

	let cq = db.selectFrom('ks2_comparators').selectAll().orderBy('year').orderBy('kind').orderBy('area');
	if (upToYear !== undefined) cq = cq.where('year', '<=', upToYear);
	if (fromYear !== undefined) cq = cq.where('year', '>=', fromYear);
	const comparators: Ks2Comparator[] = (await cq.execute()).map((r) => ({
		year: r.year,
		kind: r.kind,
		laCode: r.kind === 'la' ? r.area : null,
		...toFigures(r).figures
	}));
	return { results, comparators };
}

/** The latest summer with any school's KS2 results, or null before the first import. */
export async function latestKs2Year(db: Db): Promise<number | null> {
	const row = await db.selectFrom('ks2_results').select((eb) => eb.fn.max('year').as('year')).executeTakeFirst();
	return row?.year ?? null;
}

export interface SchoolLink {
	urn: number;
	linkUrn: number;
	/** As GIAS writes it: "Predecessor", "Successor - merged", ... */
	linkType: string;
	linkName: string | null;
	linkDate: string | null;
}

/** GIAS links for these schools: a converted academy's predecessor URN carries its earlier results. */
export async function schoolLinks(db: Db, urns: readonly number[]): Promise<SchoolLink[]> {
	const rows = (await Promise.all(chunks(urns).map((group) => db.selectFrom('school_links').selectAll().where('urn', 'in', group).execute()))).flat();
	return rows.map((r) => ({ urn: r.urn, linkUrn: r.link_urn, linkType: r.link_type, linkName: r.link_name, linkDate: r.link_date }));
}
