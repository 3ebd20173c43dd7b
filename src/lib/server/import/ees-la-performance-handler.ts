import type { ComparatorKind } from '../../domain/ks2/types';
import { academicYearLabel, academicYearsLabel } from '../../domain/ks2/types';
import { columnIndex } from '../../domain/import/header';
import { KS2_FIELD_SPECS } from '../../domain/import/ks2-fields';
import { addProblem } from '../../domain/import/report';
import { EES_REQUIRED, LabelIndex, matchBreakdown, matchEstablishmentType, matchSubject } from '../../domain/import/ees-layout';
import { displayOnlyWarnings, EesRowReader, labelJson } from '../../domain/import/ees-rows';
import type { EesYear } from '../../domain/import/ees-years';
import { bindFigures, replaceByKey } from './ks2-write';
import { EesFigureStore } from './ees-figure-store';
import { EesHandler } from './ees-handler';
import type { HandlerOptions, WriteContext, WriteCounts } from './handler';

/** An area's comparator figures for a year, as a ks2final RECTYPE 3 or 5 row gives them. */
interface Comparator {
	kind: ComparatorKind;
	values: (number | null)[];
	codes: (string | null)[];
}

interface AreaYears extends EesYear {
	/** 'england' or an LA code, numbered as the groups of `figures`. */
	areas: string[];
	groupOf: Map<string, number>;
	figures: EesFigureStore;
	comparators: Map<string, Comparator>;
}

/**
 * EES "Key stage 2 institutional level - Local authority (performance)": LA and England rows by
 * establishment type, breakdown and subject. The "All state funded" rows become the comparators
 * a ks2final file's RECTYPE 3 (LA) and 5 (England, state-funded) rows give; every figure is kept
 * for display as one JSON document per area and year.
 */
export class EesLaPerformanceHandler extends EesHandler<AreaYears> {
	private readonly cells: EesRowReader;
	private readonly types = new LabelIndex(matchEstablishmentType);
	private readonly breakdowns = new LabelIndex(matchBreakdown);
	private readonly subjects = new LabelIndex(matchSubject);
	private readonly at: { type: number; breakdown: number; subject: number };
	private readonly labels = [0, 0, 0];

	constructor(o: HandlerOptions) {
		super(o, EES_REQUIRED.ees_la_performance, 'local authority performance', (year) => ({
			year,
			version: 'final',
			laCodes: new Set(),
			areas: [],
			groupOf: new Map(),
			figures: new EesFigureStore(3),
			comparators: new Map()
		}));
		const h = o.header;
		this.cells = new EesRowReader(h, o.report);
		this.at = {
			type: columnIndex(h, 'establishment_type_group'),
			breakdown: columnIndex(h, 'breakdown'),
			subject: columnIndex(h, 'subject')
		};
	}

	row(cells: string[], rowNumber: number): void {
		const part = this.yearOf(cells, rowNumber);
		if (part === null) return;
		const place = this.area(cells, rowNumber);
		if (place === null) return;
		const area = place.level === 'la' ? place.laCode : 'england';
		const t = this.types.index(cells[this.at.type]);
		const b = this.breakdowns.index(cells[this.at.breakdown]);
		const s = this.subjects.index(cells[this.at.subject]);
		const named = [
			this.cells.labelled(rowNumber, this.types.labels[t], this.at.type),
			this.cells.labelled(rowNumber, this.breakdowns.labels[b], this.at.breakdown),
			this.cells.labelled(rowNumber, this.subjects.labels[s], this.at.subject)
		];
		if (named.includes(false)) return;
		const entries = this.cells.read(cells, rowNumber);
		if (entries === null) return;

		let group = part.groupOf.get(area);
		if (group === undefined) {
			part.groupOf.set(area, (group = part.areas.length));
			part.areas.push(area);
			if (place.level === 'la') part.laCodes.add(area);
		}
		this.labels[0] = t;
		this.labels[1] = b;
		this.labels[2] = s;
		part.figures.add(group, this.labels, entries, rowNumber);
		if (this.types.keys[t] === null) return;
		const slots = this.cells.slots(this.breakdowns.keys[b], this.subjects.keys[s], b, s);
		if (slots.length === 0) return;
		let comparator = part.comparators.get(area);
		if (!comparator) {
			const empty = () => new Array(KS2_FIELD_SPECS.length).fill(null);
			part.comparators.set(area, (comparator = { kind: place.level === 'la' ? 'la' : 'england_state', values: empty(), codes: empty() }));
		}
		const { values, codes } = this.cells.reader;
		for (let i = 0; i < slots.length; i += 2) {
			const e = entries[slots[i]];
			comparator.values[slots[i + 1]] = Number.isNaN(values[e]) ? null : values[e];
			comparator.codes[slots[i + 1]] = codes[e];
		}
	}

	finish(): void {
		const { report } = this.o;
		if (!this.usable) return;
		const years = this.finishYears((p) => p.areas.length);
		for (const part of years) {
			part.figures.group(part.areas.length);
			for (const d of part.figures.duplicates(part.areas.length)) {
				const [t, b, s] = d.labels;
				addProblem(report, {
					row: d.row,
					column: null,
					message: `${part.areas[d.group] === 'england' ? 'England' : `LA ${part.areas[d.group]}`} has a second row for ${this.types.labels[t]}, ${this.breakdowns.labels[b]}, ${this.subjects.labels[s]} in ${academicYearLabel(part.year)} (the first is row ${d.first}).`
				});
			}
		}
		const noState = years.filter((p) => p.areas.length > 0 && p.comparators.size === 0).map((p) => p.year);
		if (noState.length > 0)
			report.warnings.push(
				`There are no "All state funded" rows for ${academicYearsLabel(noState)}, so no LA or England comparators were found; the figures are kept for display.`
			);
		report.warnings.push(...displayOnlyWarnings(this.breakdowns, this.subjects, this.cells.absentColumns));
		report.suppressed = this.cells.suppressed();
	}

	async write(ctx: WriteContext, index: number): Promise<WriteCounts> {
		const part = await this.yearToWrite(ctx, index);
		const { year } = part;
		const comparators = [...part.comparators].map(([area, c]) => bindFigures([year, c.kind, area, ctx.importId], c));
		await replaceByKey(ctx, 'ks2_comparators', ['year', 'kind', 'area'], comparators);
		const labels = [this.types.labels, this.breakdowns.labels, this.subjects.labels].map(labelJson);
		const figures = part.areas.map((area, g) => [year, area, ctx.importId, part.figures.json(g, labels, this.cells.reader)]);
		await replaceByKey(ctx, 'ks2_area_breakdowns', ['year', 'area'], figures);
		this.o.report.comparatorsStored += comparators.length;
		return { schoolsAdded: 0, schoolsUpdated: 0, recordsStored: comparators.length + figures.length, comparatorsStored: comparators.length };
	}
}
