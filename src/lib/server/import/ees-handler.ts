import { addProblem } from '../../domain/import/report';
import type { FormatHandler, HandlerOptions, HistoryFields, WriteContext, WriteCounts } from './handler';

/** Placeholder until the EES data sets are read: refuses the file in plain words. */
export class EesHandler implements FormatHandler {
	constructor(private readonly o: HandlerOptions) {}
	row(): void {
		this.o.report.rowsRead++;
	}
	finish(): void {
		addProblem(this.o.report, { row: null, column: null, message: 'Explore Education Statistics data sets cannot be imported yet.' });
	}
	history(): HistoryFields[] {
		return [];
	}
	write(_ctx: WriteContext): WriteCounts {
		return { schoolsAdded: 0, schoolsUpdated: 0, recordsStored: 0 };
	}
}
