import { integerParameter } from '../db/dialect';
import { columnPositions } from '../../domain/import/header';
import { giasDate, giasText, LINKS_COLUMNS, LINKS_REQUIRED_COLUMNS, parseUrn } from '../../domain/import/gias-fields';
import { addProblem } from '../../domain/import/report';
import { chunks, requireColumns, type FormatHandler, type HandlerOptions, type HistoryFields, type WriteContext, type WriteCounts } from './handler';
import { placeholders } from './ks2-write';
import { lasWords } from '../../domain/las';

type LinkField = keyof typeof LINKS_COLUMNS;
const LINK_COLUMNS = ['urn', 'link_urn', 'link_type', 'link_name', 'link_date', 'import_id'] as const;

/**
 * The GIAS links file: predecessor and successor URNs (academy conversions, amalgamations).
 * Each URN in the file gets exactly the links the file lists for it.
 */
export class LinksHandler implements FormatHandler {
	private readonly usable: boolean;
	private readonly at: Record<LinkField, number>;
	private readonly links: unknown[][] = [];
	private readonly seen = new Map<string, number>();

	constructor(private readonly o: HandlerOptions) {
		this.usable = requireColumns(o, LINKS_REQUIRED_COLUMNS, (column) => `the file has no ${column} column, which the GIAS links file has.`);
		this.at = columnPositions(o.header, LINKS_COLUMNS);
	}

	row(cells: string[], rowNumber: number): void {
		const report = this.o.report;
		report.rowsRead++;
		if (!this.usable) return;
		const cell = (f: LinkField) => (this.at[f] >= 0 ? cells[this.at[f]] : undefined);
		const problem = (f: LinkField, message: string) => addProblem(report, { row: rowNumber, column: LINKS_COLUMNS[f], message });
		const urn = parseUrn(cell('urn'));
		if (urn === null) return problem('urn', `"${(cell('urn') ?? '').trim()}" is not a URN.`);
		const linkUrn = parseUrn(cell('linkUrn'));
		if (linkUrn === null) return problem('linkUrn', `"${(cell('linkUrn') ?? '').trim()}" is not a URN.`);
		const type = (cell('linkType') ?? '').trim();
		if (type === '') return problem('linkType', 'the link has no type (such as Predecessor or Successor).');
		const date = giasDate(cell('date'));
		if (!date.ok) return problem('date', `"${cell('date')}" is not a date in the form dd-mm-yyyy.`);
		const key = `${urn}:${linkUrn}:${type}`;
		const first = this.seen.get(key);
		if (first !== undefined) return problem('linkUrn', `the link from ${urn} to ${linkUrn} (${type}) appears twice (rows ${first} and ${rowNumber}).`);
		this.seen.set(key, rowNumber);
		this.links.push([urn, linkUrn, type, giasText(cell('linkName')), date.iso, null]);
	}

	finish(): void {
		if (this.usable && this.links.length === 0 && this.o.report.problems.length === 0) {
			addProblem(this.o.report, { row: null, column: null, message: 'The file has no links.' });
		}
	}

	history(): HistoryFields[] {
		return [{ year: null, version: null, laCodes: null }];
	}

	async write({ db, w, importId }: WriteContext): Promise<WriteCounts> {
		const report = this.o.report;
		const register = new Set((await w.all(db.selectFrom('schools').select('urn'))).map((r) => r.urn));
		// Limited to one LA: keep only links that touch a school in the register.
		const kept = this.o.laScope.length === 0 ? this.links : this.links.filter((l) => register.has(l[0] as number) || register.has(l[1] as number));
		report.rowsOutsideLa = this.links.length - kept.length;
		const urns = [...new Set(kept.map((l) => l[0] as number))];
		for (const group of chunks(urns)) {
			await w.run(
				db
					.insertInto('school_links_replaced')
					.columns(['replaced_by', ...LINK_COLUMNS])
					.expression(
						db
							.selectFrom('school_links')
							.select([integerParameter(importId).as('replaced_by'), ...LINK_COLUMNS])
							.where('urn', 'in', group)
					)
			);
			await w.run(db.deleteFrom('school_links').where('urn', 'in', group));
		}
		const insert = w.prepare(db.insertInto('school_links').values(placeholders(LINK_COLUMNS) as never));
		for (const l of kept) {
			l[5] = importId;
			await insert(l);
		}
		report.linksStored = kept.length;
		report.schoolsNotInRegister = urns.filter((u) => !register.has(u)).length;
		if (this.o.laScope.length > 0 && report.rowsOutsideLa > 0) {
			report.warnings.push(
				`${report.rowsOutsideLa} links do not involve any school in the register (limited to ${lasWords(this.o.laScope)}) and were left out.`
			);
		}
		if (this.o.laScope.length > 0 && register.size === 0) {
			report.warnings.push('The register is empty, so no links were kept. Import the GIAS establishment file first.');
		}
		return { schoolsAdded: 0, schoolsUpdated: 0, recordsStored: kept.length };
	}
}
