import type { Db } from '../db';
import type { FileFormat } from '../../domain/import/header';
import type { ImportReport } from '../../domain/import/report';
import type { Ks2Version } from '../../domain/import/version';
import { importReplaces, importsOverlap, parseLaCodes } from '../../domain/import/overlap';

export interface ImportRecord {
	id: number;
	format: FileFormat;
	fileName: string;
	sha256: string;
	sizeBytes: number;
	year: number | null;
	version: Ks2Version | null;
	/** See ImportScope.laCodes: null for every LA, empty when the import stored no school's rows. */
	laCodes: string[] | null;
	importedAt: string;
	importedBy: string | null;
	rowsRead: number;
	schoolsAdded: number;
	schoolsUpdated: number;
	recordsStored: number;
	rolledBackAt: string | null;
	rolledBackBy: string | null;
	/** Why, as the admin who rolled it back gave it. */
	rollbackReason: string | null;
	/** A later live import that replaced this one's data, if any. */
	replacedBy: number | null;
	/** A later live import that must be rolled back first, or null if this one can be rolled back now. */
	blockedBy: number | null;
}

/** Every import, newest first, with whether each can be rolled back now. */
export async function importHistory(db: Db): Promise<ImportRecord[]> {
	const rows = await db
		.selectFrom('imports')
		.leftJoin('users as importer', 'importer.id', 'imports.user_id')
		.leftJoin('users as roller', 'roller.id', 'imports.rolled_back_by')
		.selectAll('imports')
		.select(['importer.name as importer_name', 'roller.name as roller_name'])
		.orderBy('imports.id', 'desc')
		.execute();
	const records: ImportRecord[] = rows.map((r) => ({
		id: r.id,
		format: r.format,
		fileName: r.file_name,
		sha256: r.sha256,
		sizeBytes: r.size_bytes,
		year: r.year,
		version: r.version,
		laCodes: parseLaCodes(r.la_codes),
		importedAt: r.imported_at,
		importedBy: r.importer_name,
		rowsRead: r.rows_read,
		schoolsAdded: r.schools_added,
		schoolsUpdated: r.schools_updated,
		recordsStored: r.records_stored,
		rolledBackAt: r.rolled_back_at,
		rolledBackBy: r.roller_name,
		rollbackReason: r.rollback_reason,
		replacedBy: null,
		blockedBy: null
	}));
	for (const rec of records) {
		if (rec.rolledBackAt) continue;
		// Newest first, so the last match is the earliest later import.
		const later = records.filter((o) => o.id > rec.id && !o.rolledBackAt && importsOverlap(rec, o));
		rec.blockedBy = later.length ? later[later.length - 1].id : null;
		const replacing = later.filter((o) => importReplaces(rec, o));
		rec.replacedBy = replacing.length ? replacing[replacing.length - 1].id : null;
	}
	return records;
}

export async function importReport(db: Db, id: number): Promise<ImportReport | null> {
	const row = await db.selectFrom('imports').select('report_json').where('id', '=', id).executeTakeFirst();
	return row ? (JSON.parse(row.report_json) as ImportReport) : null;
}
