import { integerParameter } from '../db/dialect';
import { controlCharacterWords } from '../../domain/text';
import { columnPositions } from '../../domain/import/header';
import { GIAS_COLUMNS, GIAS_REQUIRED_COLUMNS, giasDate, giasInteger, giasText, headName, parseUrn, type GiasField } from '../../domain/import/gias-fields';
import { addProblem } from '../../domain/import/report';
import { requireColumns, type FormatHandler, type HandlerOptions, type HistoryFields, type WriteContext, type WriteCounts } from './handler';
import { placeholders } from './ks2-write';
import { inLas, lasWords, limitWords, registerLimit } from '../../domain/las';

/** The register columns a GIAS file sets, in binding order. The trust and Ofsted come last so they can be left out. */
const DATA_COLUMNS = [
	'la_code',
	'la_name',
	'establishment_number',
	'name',
	'type',
	'phase',
	'status',
	'age_low',
	'age_high',
	'head_name',
	'street',
	'locality',
	'town',
	'postcode',
	'easting',
	'northing'
] as const;
const TRUST_COLUMNS = ['trust_name'] as const;
const OFSTED_COLUMNS = ['ofsted_rating', 'ofsted_date'] as const;
type RegisterColumn = (typeof DATA_COLUMNS)[number] | (typeof TRUST_COLUMNS)[number] | (typeof OFSTED_COLUMNS)[number];
type RegisterRow = { urn: number } & Record<RegisterColumn, string | number | null>;

/**
 * A GIAS establishment file (search export or full edubasealldata download) into the register.
 * Rows are validated as they stream past; only the register's own columns are kept.
 */
export class GiasHandler implements FormatHandler {
	private readonly usable: boolean;
	private readonly at: Record<GiasField, number>;
	private readonly hasOfsted: boolean;
	/** A file without the trusts column (an old or hand-made export) leaves the trusts already in the register alone. */
	private readonly hasTrust: boolean;
	private readonly rows: unknown[][] = [];
	private readonly urnRow = new Map<number, number>();

	constructor(private readonly o: HandlerOptions) {
		this.usable = requireColumns(o, GIAS_REQUIRED_COLUMNS, (column) => `the file has no ${column} column, which every GIAS establishment file has.`);
		this.at = columnPositions(o.header, GIAS_COLUMNS);
		this.hasOfsted = this.at.ofstedRating >= 0;
		this.hasTrust = this.at.trust >= 0;
	}

	row(cells: string[], rowNumber: number): void {
		const { report, laScope } = this.o;
		report.rowsRead++;
		if (!this.usable) return;
		const cell = (f: GiasField) => (this.at[f] >= 0 ? cells[this.at[f]] : undefined);
		const problem = (f: GiasField, message: string) => addProblem(report, { row: rowNumber, column: GIAS_COLUMNS[f], message });
		const urn = parseUrn(cell('urn'));
		if (urn === null) return problem('urn', `"${(cell('urn') ?? '').trim()}" is not a URN (a whole number of up to 7 digits).`);
		const first = this.urnRow.get(urn);
		if (first !== undefined) return problem('urn', `URN ${urn} appears twice (rows ${first} and ${rowNumber}). Each school can have only one row.`);
		this.urnRow.set(urn, rowNumber);
		const name = (cell('name') ?? '').trim();
		if (name === '') return problem('name', 'the school has no name.');
		const control = controlCharacterWords(name);
		if (control) return problem('name', `the school's name contains ${control}, which no real school name has. Check the file has not been edited by hand.`);
		const laCode = (cell('laCode') ?? '').trim();
		if (!inLas(laScope, laCode)) {
			report.rowsOutsideLa++;
			return;
		}
		const ints: Partial<Record<GiasField, number | null>> = {};
		for (const f of ['ageLow', 'ageHigh', 'easting', 'northing'] as const) {
			const n = giasInteger(cell(f));
			if (!n.ok) return problem(f, `"${cell(f)}" should be a whole number.`);
			ints[f] = n.value;
		}
		const inspected = giasDate(cell('ofstedDate'));
		if (!inspected.ok) return problem('ofstedDate', `"${cell('ofstedDate')}" is not a date in the form dd-mm-yyyy.`);
		const values: unknown[] = [
			urn,
			laCode || null,
			giasText(cell('laName')),
			giasText(cell('establishmentNumber')),
			name,
			giasText(cell('type')),
			giasText(cell('phase')),
			giasText(cell('status')),
			ints.ageLow,
			ints.ageHigh,
			headName(cell('headTitle'), cell('headFirstName'), cell('headLastName')),
			giasText(cell('street')),
			giasText(cell('locality')),
			giasText(cell('town')),
			giasText(cell('postcode')),
			ints.easting,
			ints.northing
		];
		if (this.hasTrust) values.push(giasText(cell('trust')));
		if (this.hasOfsted) values.push(giasText(cell('ofstedRating')), inspected.iso);
		this.rows.push(values);
	}

	finish(): void {
		const { report, laScope } = this.o;
		if (!this.usable) return;
		if (this.rows.length === 0 && report.problems.length === 0) {
			addProblem(report, {
				row: null,
				column: null,
				message: report.rowsOutsideLa > 0 ? `None of the schools in this file are in ${registerLimit(laScope)}.` : 'The file has no rows of schools.'
			});
		}
		if (!this.hasOfsted) {
			report.warnings.push('This file has no Ofsted columns (GIAS stopped including them in April 2025). Ofsted ratings already in the register were kept.');
		}
		if (laScope.length > 0 && report.rowsOutsideLa > 0) {
			report.warnings.push(`${report.rowsOutsideLa} schools are outside ${lasWords(laScope)} and were left out (${limitWords(laScope)}).`);
		}
	}

	history(): HistoryFields[] {
		return [{ year: null, version: null, laCodes: null }];
	}

	/** New schools are added; changed ones updated, their old row kept for rollback; the same ones left alone. */
	async write({ db, w, importId, now }: WriteContext): Promise<WriteCounts> {
		const columns: RegisterColumn[] = [...DATA_COLUMNS, ...(this.hasTrust ? TRUST_COLUMNS : []), ...(this.hasOfsted ? OFSTED_COLUMNS : [])];
		const existing = new Map(
			((await w.all(db.selectFrom('schools').select(['urn', ...DATA_COLUMNS, ...TRUST_COLUMNS, ...OFSTED_COLUMNS]))) as RegisterRow[]).map((r) => [r.urn, r])
		);
		const everything = ['urn', ...DATA_COLUMNS, ...TRUST_COLUMNS, ...OFSTED_COLUMNS, 'created_at', 'updated_at'] as const;
		const keep = w.prepare(
			db
				.insertInto('schools_replaced')
				.columns(['replaced_by', 'was_new', ...everything])
				.expression(
					db
						.selectFrom('schools')
						.select([integerParameter(0).as('replaced_by'), integerParameter(0).as('was_new'), ...everything])
						.where('urn', '=', 0)
				)
		);
		const keepNew = w.prepare(db.insertInto('schools_replaced').values({ replaced_by: 0, urn: 0, was_new: 1 }));
		const update = w.prepare(
			db
				.updateTable('schools')
				.set({ ...placeholders(columns), updated_at: '' })
				.where('urn', '=', 0)
		);
		const insert = w.prepare(db.insertInto('schools').values({ urn: 0, ...placeholders(columns), created_at: '', updated_at: '' } as never));
		let added = 0;
		let updated = 0;
		for (const values of this.rows) {
			const urn = values[0] as number;
			const before = existing.get(urn);
			const data = values.slice(1);
			if (!before) {
				await insert([...values, now, now]);
				await keepNew([importId, urn, 1]);
				added++;
			} else if (columns.some((c, i) => before[c] !== data[i])) {
				await keep([importId, 0, urn]);
				await update([...data, now, urn]);
				updated++;
			}
		}
		const report = this.o.report;
		report.schoolsAdded = added;
		report.schoolsUpdated = updated;
		report.schoolsUnchanged = this.rows.length - added - updated;
		return { schoolsAdded: added, schoolsUpdated: updated, recordsStored: added + updated };
	}
}
