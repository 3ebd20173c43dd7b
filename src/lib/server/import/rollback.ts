import { sql } from 'kysely';
import type { Db } from '../db';
import { audit } from '../audit';
import { nowIso } from '../clock';
import { referencesTo } from '../db/references';
import { oneAtATime } from '../db/dialect';
import { restoreReplaced, TABLES_OF } from './ks2-tables';
import { importHistory } from './history';
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
 * Undoes one import (admin only; the caller checks): its rows go, and the rows it replaced come
 * back exactly as they were. Only the latest import of the same data can be undone, so nothing
 * a later import wrote is ever lost. The reason, when the admin gave one, is kept with the import.
 */
export async function rollbackImport(db: Db, importId: number, userId: number | null, reason: string | null = null): Promise<RollbackResult> {
	const record = (await importHistory(db)).find((r) => r.id === importId);
	if (!record) return { ok: false, message: `There is no import ${importId}.` };
	if (record.rolledBackAt) return { ok: false, message: `Import ${importId} was already rolled back on ${longDate(record.rolledBackAt)}.` };
	if (record.blockedBy !== null) {
		return { ok: false, message: `Import ${record.blockedBy} came later and changed the same data. Roll it back first, then import ${importId}.` };
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
			return { ok: false, message: `Some schools this import added are now used elsewhere (${what}). Remove those links first, or leave the import in place.` };
		}
	}
	if (record.format === 'ofsted_mi') {
		const refusal = await ofstedMiRollbackRefusal(db, importId);
		if (refusal) return { ok: false, message: refusal };
	}
	await db.transaction().execute(async (trx) => {
		await oneAtATime(trx, 'imports');
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
	});
	return { ok: true, message: `Import ${importId} (${record.fileName}) was rolled back. The data it replaced is back.` };
}
