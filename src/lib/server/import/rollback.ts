import { sql, type Transaction } from 'kysely';
import type { Database, Db } from '../db';
import { audit } from '../audit';
import { nowIso } from '../clock';
import { referencesTo } from '../db/references';
import { oneAtATime } from '../db/dialect';
import { restoreReplaced, TABLES_OF } from './ks2-tables';
import { importHistory, type ImportRecord } from './history';
import { ofstedMiRollbackRefusal, rollbackOfstedMi } from './ofsted-mi-handler';
import { longDate } from '../../domain/format';

export type RollbackResult = { ok: true; message: string } | { ok: false; message: string };

const LINK_COLUMNS = ['urn', 'link_urn', 'link_type', 'link_name', 'link_date', 'import_id'] as const;
const REGISTER_COLUMNS = [
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
	'northing',
	'trust_name',
	'ofsted_rating',
	'ofsted_date',
	'created_at',
	'updated_at'
] as const;

/**
 * Why an import cannot be rolled back now, in words, or null. `sees` says whether the admin can see
 * an import of these LAs: one they cannot is named with who can roll it back.
 */
async function refusal(
	db: Db,
	history: readonly ImportRecord[],
	importId: number,
	sees: (laCodes: readonly string[] | null) => boolean
): Promise<string | null> {
	const record = history.find((r) => r.id === importId);
	if (!record) return `There is no import ${importId}.`;
	if (record.rolledBackAt) return `Import ${importId} was already rolled back on ${longDate(record.rolledBackAt)}.`;
	if (record.blockedBy !== null) {
		const blocker = history.find((r) => r.id === record.blockedBy);
		return blocker && !sees(blocker.laCodes)
			? `Import ${record.blockedBy}, of other LAs' schools, came later and changed the same data. An admin who serves every LA it holds must roll it back first, then import ${importId}.`
			: `Import ${record.blockedBy} came later and changed the same data. Roll it back first, then import ${importId}.`;
	}
	if (record.format === 'gias_register') {
		const added = await db.selectFrom('schools_replaced').select('urn').where('replaced_by', '=', importId).where('was_new', '=', 1).execute();
		const used = await referencesTo(
			db,
			'schools',
			added.map((a) => a.urn)
		);
		if (used.length > 0) {
			const what = used.map((u) => `${u.rows} in ${u.table.replace(/_/g, ' ')}`).join(', ');
			return `Some schools this import added are now used elsewhere (${what}). Rolling it back would remove those schools, so it cannot be done while they are. To correct the register, import a newer GIAS file instead.`;
		}
	}
	if (record.format === 'ofsted_mi') return ofstedMiRollbackRefusal(db, importId);
	return null;
}

/**
 * Undoes one import (admin only; the caller checks): its rows go, and the rows it replaced come
 * back exactly as they were. Only the latest import of the same data can be undone, so nothing
 * a later import wrote is ever lost. The reason, when the admin gave one, is kept with the import.
 * What may be undone is checked inside the transaction, after any import writing now has finished,
 * so an import that lands meanwhile is seen. `sees`: whether the admin can see an import of these LAs.
 */
export async function rollbackImport(
	db: Db,
	importId: number,
	userId: number | null,
	reason: string | null = null,
	sees: (laCodes: readonly string[] | null) => boolean = () => true
): Promise<RollbackResult> {
	return db.transaction().execute(async (trx) => {
		await oneAtATime(trx, 'imports');
		const history = await importHistory(trx);
		const refused = await refusal(trx, history, importId, sees);
		if (refused !== null) return { ok: false, message: refused };
		return undo(
			trx,
			history.find((r) => r.id === importId)!,
			userId,
			reason
		);
	});
}

/** Takes one import's rows out and puts back what it replaced, in the caller's transaction. */
async function undo(trx: Transaction<Database>, record: ImportRecord, userId: number | null, reason: string | null): Promise<RollbackResult> {
	const importId = record.id;
	const by = sql<number>`${importId}`;
	const ks2Tables = TABLES_OF[record.format];
	if (ks2Tables) {
		await restoreReplaced(trx, importId, ks2Tables);
	} else if (record.format === 'gias_links') {
		await trx.deleteFrom('school_links').where('import_id', '=', importId).execute();
		await trx
			.insertInto('school_links')
			.columns([...LINK_COLUMNS])
			.expression(
				trx
					.selectFrom('school_links_replaced')
					.select([...LINK_COLUMNS])
					.where('replaced_by', '=', by)
			)
			.execute();
		await trx.deleteFrom('school_links_replaced').where('replaced_by', '=', importId).execute();
	} else if (record.format === 'gias_register') {
		const before = await trx.selectFrom('schools_replaced').selectAll().where('replaced_by', '=', importId).execute();
		for (const old of before) {
			if (old.was_new) {
				await trx.deleteFrom('schools').where('urn', '=', old.urn).execute();
				continue;
			}
			const values = Object.fromEntries(REGISTER_COLUMNS.map((c) => [c, old[c]]));
			await trx
				.updateTable('schools')
				.set({ ...values, name: old.name ?? '', created_at: old.created_at ?? '', updated_at: old.updated_at ?? '' })
				.where('urn', '=', old.urn)
				.execute();
		}
		await trx.deleteFrom('schools_replaced').where('replaced_by', '=', importId).execute();
	} else if (record.format === 'ofsted_mi') {
		await rollbackOfstedMi(trx, importId);
	} else {
		throw new Error(`Rolling back ${record.format} imports is not supported yet`);
	}
	await trx.updateTable('imports').set({ rolled_back_at: nowIso(), rolled_back_by: userId, rollback_reason: reason }).where('id', '=', importId).execute();
	await audit(trx, {
		userId,
		action: 'import.rollback',
		entity: 'import',
		entityId: importId,
		before: { file: record.fileName, format: record.format, year: record.year, version: record.version, recordsStored: record.recordsStored },
		after: reason === null ? null : { reason }
	});
	return { ok: true, message: `Import ${importId} (${record.fileName}) was rolled back. The data it replaced is back.` };
}
