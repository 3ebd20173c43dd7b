import type { Db } from '../db';
import { checkFramework, type Key, type QualityMarkFramework } from '../../domain/quality-mark';

/**
 * Frameworks come from the database (seeded by migration 0005), never from code, so a third one
 * is added by inserting a row. A row that does not describe a usable framework stops the page
 * with the list of what is wrong rather than showing half a framework.
 */
export async function listFrameworks(db: Db): Promise<QualityMarkFramework[]> {
	const rows = await db.selectFrom('quality_mark_frameworks').select(['key', 'definition_json']).orderBy('position').orderBy('key').execute();
	return rows.map((row) => {
		const checked = checkFramework(JSON.parse(row.definition_json));
		if (!checked.ok) throw new Error(`The Quality Mark framework ${row.key} in the database is not valid: ${checked.problems.join('; ')}`);
		if (checked.framework.key !== row.key) throw new Error(`The Quality Mark framework stored as ${row.key} calls itself ${checked.framework.key}`);
		return checked.framework;
	});
}

export async function getFramework(db: Db, key: Key): Promise<QualityMarkFramework | null> {
	return (await listFrameworks(db)).find((f) => f.key === key) ?? null;
}
