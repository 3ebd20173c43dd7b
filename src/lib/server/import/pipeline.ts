import { createHash, type Hash } from 'node:crypto';
import type { Db } from '../db';
import { writeInOneTransaction } from '../db/bulk';
import { nowIso } from '../clock';
import type { AuditEntry } from '../audit';
import { detectFormat, FORMAT_LABELS, KIND_FORMATS, KIND_LABELS, readHeader, type FileFormat, type ImportKind } from '../../domain/import/header';
import { addProblem, emptyReport, MAX_PROBLEMS, type ImportReport } from '../../domain/import/report';
import type { Ks2Version } from '../../domain/import/version';
import { academicYearLabel } from '../../domain/ks2/types';
import { inspectFile, parseCsv, type TextEncoding } from './csv-source';
import { ImportRefused, type FormatHandler, type HandlerOptions } from './handler';
import { Ks2Handler } from './ks2-handler';
import { GiasHandler } from './gias-handler';
import { LinksHandler } from './links-handler';
import { EesSchoolPerformanceHandler } from './ees-school-performance-handler';
import { EesLaPerformanceHandler } from './ees-la-performance-handler';
import { EesInformationHandler } from './ees-information-handler';
import { OfstedMiHandler } from './ofsted-mi-handler';
import { getServedLas } from './settings';
import { importMaxBytes } from './limits';

export type { ImportKind } from '../../domain/import/header';

export interface ImportRequest {
	/** Where the file is on disk (an upload is saved to a temporary file first). */
	path: string;
	/** The name the person knows the file by, for the history and for reading the year. */
	fileName: string;
	kind?: ImportKind | null;
	year?: number | null;
	version?: Ks2Version | null;
	userId: number | null;
	maxBytes?: number;
	onProgress?: (p: ImportProgress) => void;
	/**
	 * Awaited once the file has been read and found fit to import, just before the write
	 * transaction: an import on a thread of its own waits here while another import writes (see off-thread.ts).
	 */
	beforeWrite?: () => Promise<void>;
	/**
	 * Set when the database is new (no table at all) and its migrations are running while the file
	 * is read: the CLI's first import into a new PostgreSQL database (scripts/commands/import.ts),
	 * so the server migrates while node reads. Such a database holds no import and no LA scope
	 * once migrated (no migration adds either), so the file is read at once, and the database is
	 * first used once `migrated` settles. The import ends only after it has, and fails if it fails.
	 */
	newDatabase?: { migrated: Promise<unknown> };
}

export interface ImportProgress {
	phase: 'checking' | 'reading' | 'writing' | 'done';
	bytesRead: number;
	totalBytes: number;
	rowsRead: number;
}

export type ImportOutcome =
	/** `importIds` has one history row per part (a year, for an EES file of several years); `importId` is the first. */
	| { status: 'imported'; importId: number; importIds: number[]; report: ImportReport }
	/** The same file (same SHA-256) is already imported: nothing was changed. */
	| { status: 'unchanged'; importId: number; importedAt: string; report: ImportReport }
	| { status: 'rejected'; report: ImportReport };

const HANDLERS: Record<FileFormat, new (o: HandlerOptions) => FormatHandler> = {
	ks2: Ks2Handler,
	ees_school_performance: EesSchoolPerformanceHandler,
	ees_school_information: EesInformationHandler,
	ees_la_performance: EesLaPerformanceHandler,
	ees_la_information: EesInformationHandler,
	gias_register: GiasHandler,
	gias_links: LinksHandler,
	ofsted_mi: OfstedMiHandler
};

/** After this many problems, reading stops: the report already says enough to fix the file. */
const STOP_AFTER = MAX_PROBLEMS * 20;

/**
 * The one import pipeline, behind both /imports and `npm run triage -- import`.
 * 1. Check the file (size, binary, encoding) and hash it; the same file twice changes nothing.
 * 2. Stream-parse and validate every row, keeping only what will be stored. Every byte is checked
 *    once, in whichever pass reads it first (see TextCheck); a damaged byte, or a value or row
 *    longer than any real file has, stops the reading at once (see CsvSplitter).
 * 3. Only if there is no problem at all: write everything in one transaction, with the history
 *    row, what it replaced (for rollback) and the audit entry. Any error writes nothing.
 */
export async function runImport(db: Db, req: ImportRequest): Promise<ImportOutcome> {
	const migrated = req.newDatabase?.migrated;
	if (!migrated) return importFile(db, req);
	// Awaited below, whatever the outcome: until then a failure must not count as unhandled.
	migrated.catch(() => {});
	try {
		return await importFile(db, req);
	} finally {
		await migrated;
	}
}

async function importFile(db: Db, req: ImportRequest): Promise<ImportOutcome> {
	const report = emptyReport(req.fileName);
	const progress = (phase: ImportProgress['phase'], bytesRead: number) =>
		req.onProgress?.({ phase, bytesRead, totalBytes: report.sizeBytes, rowsRead: report.rowsRead });
	const rejected = (message: string): ImportOutcome => {
		addProblem(report, { row: null, column: null, message });
		return { status: 'rejected', report };
	};

	const inspected = await inspectFile(req.path, req.maxBytes ?? importMaxBytes());
	if (!inspected.ok) {
		report.sizeBytes = inspected.sizeBytes;
		return rejected(inspected.problem);
	}
	report.sizeBytes = inspected.facts.sizeBytes;
	const { encoding, checked } = inspected.facts;
	progress('checking', 0);

	// The LAs whose schools the register keeps; a new database has none yet (see newDatabase).
	const laScope = req.newDatabase ? [] : await getServedLas(db);
	const scope = laScope.join(',');

	/**
	 * The same file already live: say so and change nothing (a year that contradicts it is still an
	 * error). A file of several years makes a history row per year; once one of those is rolled
	 * back, importing the file again puts back only the years that are not live. Imported while the
	 * installation served other LAs, it is imported again, for the schools kept now.
	 */
	let liveYears = new Set<number | null>();
	const sameFile = async (sha256: string): Promise<ImportOutcome | null> => {
		report.sha256 = sha256;
		const earlier = await db
			.selectFrom('imports')
			.select(['id', 'imported_at', 'report_json', 'year', 'version', 'rolled_back_at'])
			.where('sha256', '=', sha256)
			.where('la_scope', '=', scope)
			.orderBy('id')
			.execute();
		const live = earlier.filter((e) => e.rolled_back_at === null);
		liveYears = new Set(live.map((e) => e.year));
		const previous = live[0];
		if (previous && req.year && previous.year !== null && !liveYears.has(req.year)) {
			return rejected(
				`You said this file is for ${academicYearLabel(req.year)}, but it was imported as ${academicYearLabel(previous.year)} (import ${previous.id}). Check the year and the file.`
			);
		}
		if (previous && req.version && previous.version !== null && previous.version !== req.version) {
			return rejected(
				`You said this file holds ${req.version} results, but it was imported as ${previous.version} (import ${previous.id}). Check the version and the file.`
			);
		}
		const allLive = earlier.every((e) => liveYears.has(e.year));
		return previous && allLive ? unchanged(previous) : null;
	};
	// A new database has no earlier import to be the same file as, and no LA scope (see newDatabase).
	if (inspected.facts.sha256 && !req.newDatabase) {
		const known = await sameFile(inspected.facts.sha256);
		if (known) return known;
	}
	const hashing = inspected.facts.sha256 ? undefined : createHash('sha256');

	const parsed = await readRows(req, encoding, !checked, report, laScope, hashing);
	if (parsed === 'empty') return rejected('The file is empty.');
	if (parsed === null) return { status: 'rejected', report };
	const h: FormatHandler = parsed;
	h.finish();
	if (report.problems.length > 0) return { status: 'rejected', report };
	if (req.newDatabase) await req.newDatabase.migrated;
	if (hashing || req.newDatabase) {
		const known = await sameFile(inspected.facts.sha256 ?? hashing!.digest('hex'));
		if (known) return known;
	}
	const sha256 = report.sha256;

	const parts = h.history();
	const toWrite = parts.map((_, i) => i).filter((i) => !liveYears.has(parts[i].year));
	if (toWrite.length === 0) {
		const known = await sameFile(sha256);
		if (known) return known;
	}

	await req.beforeWrite?.();
	progress('writing', report.sizeBytes);
	// What was read, before writing adds what was stored: a refused import reports only what it read.
	const read = structuredClone(report);
	try {
		const importIds = await writeInOneTransaction(db, async (w) => {
			const now = nowIso();
			const ids: number[] = [];
			for (const part of toWrite) {
				const fields = parts[part];
				const [{ id }] = await w.all(
					db
						.insertInto('imports')
						.values({
							format: report.format!,
							file_name: req.fileName,
							sha256,
							size_bytes: report.sizeBytes,
							year: fields.year,
							version: fields.version,
							la_codes: fields.laCodes,
							la_scope: scope,
							user_id: req.userId,
							imported_at: now,
							rows_read: report.rowsRead,
							schools_added: 0,
							schools_updated: 0,
							records_stored: 0,
							report_json: '{}'
						})
						.returning('id')
				);
				const counts = await h.write({ db, w, importId: id, now }, part);
				report.parts.push({
					year: fields.year,
					version: fields.version,
					importId: id,
					schoolsAdded: counts.schoolsAdded,
					schoolsUpdated: counts.schoolsUpdated,
					resultsStored: counts.resultsStored ?? 0,
					comparatorsStored: counts.comparatorsStored ?? 0,
					contextStored: counts.contextStored ?? 0
				});
				await w.run(
					db
						.updateTable('imports')
						.set({
							schools_added: counts.schoolsAdded,
							schools_updated: counts.schoolsUpdated,
							records_stored: counts.recordsStored
						})
						.where('id', '=', id)
				);
				await w.run(
					auditInsert(
						db,
						{
							userId: req.userId,
							action: 'import.create',
							entity: 'import',
							entityId: id,
							after: { file: req.fileName, sha256, format: report.format, year: fields.year, version: fields.version, ...counts }
						},
						now
					)
				);
				ids.push(id);
			}
			// The report is complete only once every part is written; each history row keeps all of it.
			for (const id of ids)
				await w.run(
					db
						.updateTable('imports')
						.set({ report_json: JSON.stringify(report) })
						.where('id', '=', id)
				);
			return ids;
		});
		progress('done', report.sizeBytes);
		return { status: 'imported', importId: importIds[0], importIds, report };
	} catch (e) {
		// Nothing was written, so nothing was stored: no part, and none of the counts or warnings of storing it.
		Object.assign(report, read);
		if (e instanceof ImportRefused) return rejected(e.message);
		// Someone imported the same file a moment ago: the unique index on live SHA-256s caught it.
		const again = await db
			.selectFrom('imports')
			.select(['id', 'imported_at', 'report_json'])
			.where('sha256', '=', sha256)
			.where('la_scope', '=', scope)
			.where('rolled_back_at', 'is', null)
			.executeTakeFirst();
		if (again) return unchanged(again);
		throw e;
	}

	function unchanged(prev: { id: number; imported_at: string; report_json: string }): ImportOutcome {
		return {
			status: 'unchanged',
			importId: prev.id,
			importedAt: prev.imported_at,
			report: { ...(JSON.parse(prev.report_json) as ImportReport), fileName: req.fileName }
		};
	}
}

/**
 * Streams every row through the handler for the file's format, chosen from its header.
 * Returns the handler, 'empty' when there was not even a header, or null when the header was wrong.
 */
async function readRows(
	req: ImportRequest,
	encoding: TextEncoding,
	checkBytes: boolean,
	report: ImportReport,
	laScope: readonly string[],
	hashing: Hash | undefined
): Promise<FormatHandler | 'empty' | null> {
	let handler: FormatHandler | null = null;
	let headerSeen = false;
	const stillUseful = () => report.problems.length + report.moreProblems < STOP_AFTER;
	const progress = (bytesRead: number) => req.onProgress?.({ phase: 'reading', bytesRead, totalBytes: report.sizeBytes, rowsRead: report.rowsRead });
	await parseCsv(
		req.path,
		encoding,
		{
			row(cells, rowNumber) {
				if (handler) {
					handler.row(cells, rowNumber);
					return stillUseful();
				}
				headerSeen = true;
				const header = readHeader(cells);
				const format = header.ok ? detectFormat(header.header) : null;
				const problem = header.ok ? formatProblem(format, req.kind ?? null) : header.problem;
				if (problem || !header.ok || !format) {
					addProblem(report, { row: rowNumber, column: null, message: problem! });
					return false;
				}
				report.format = format;
				handler = new HANDLERS[format]({
					header: header.header,
					report,
					fileName: req.fileName,
					year: req.year ?? null,
					version: req.version ?? null,
					laScope
				});
				return true;
			},
			problem: (p) => addProblem(report, p),
			progress
		},
		hashing,
		{ checkBytes, yieldOften: req.newDatabase !== undefined }
	);
	return headerSeen ? handler : 'empty';
}

/** Plain words when the file is not what it should be, or null when it is. */
function formatProblem(format: FileFormat | null, kind: ImportKind | null): string | null {
	if (format === null) {
		return "This is not a file the importer knows. It should be a KS2 school-level performance table (ks2final, with a RECTYPE column), a KS2 data set from Explore Education Statistics (with time_period and geographic_level columns), a GIAS file (with URN and EstablishmentName, or URN and LinkURN columns), or Ofsted's monthly management information on inspections.";
	}
	if (kind !== null && !KIND_FORMATS[kind].includes(format)) return `You chose ${KIND_LABELS[kind]}, but this looks like ${FORMAT_LABELS[format]}.`;
	return null;
}

/** The audit row, built here because it must run on the import's own connection and transaction. */
function auditInsert(db: Db, entry: AuditEntry, at: string) {
	return db.insertInto('audit_log').values({
		at,
		user_id: entry.userId,
		action: entry.action,
		entity: entry.entity,
		entity_id: entry.entityId === null ? null : String(entry.entityId),
		before_json: entry.before === undefined ? null : JSON.stringify(entry.before),
		after_json: entry.after === undefined ? null : JSON.stringify(entry.after)
	});
}
