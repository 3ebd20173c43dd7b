import type { Transaction } from 'kysely';
import type { Database } from '../db/schema';
import { addProblem } from '../../domain/import/report';
import type { FormatHandler, HandlerOptions, HistoryFields, WriteContext, WriteCounts } from './handler';

/** Placeholder until the Ofsted MI file is read: refuses the file in plain words. */
export class OfstedMiHandler implements FormatHandler {
	constructor(private readonly o: HandlerOptions) {}
	row(): void {
		this.o.report.rowsRead++;
	}
	finish(): void {
		addProblem(this.o.report, { row: null, column: null, message: 'Ofsted management information cannot be imported yet.' });
	}
	history(): HistoryFields[] {
		return [];
	}
	write(_ctx: WriteContext): WriteCounts {
		return { schoolsAdded: 0, schoolsUpdated: 0, recordsStored: 0 };
	}
}

/** Undoes one MI import inside the rollback's transaction. */
export async function rollbackOfstedMi(_trx: Transaction<Database>, _importId: number): Promise<void> {}
