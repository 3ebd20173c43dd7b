import type { Db } from './db';
import { nowIso } from './clock';

export interface AuditEntry {
	/** Who made the change; null for the system (demo seed, CLI without a user). */
	userId: number | null;
	/** What happened, as a dotted verb: `user.create`, `category.override`, `import.rollback`. */
	action: string;
	entity: string;
	entityId: string | number | null;
	before?: unknown;
	after?: unknown;
}

/**
 * Records one change in the audit log. Call it inside the same transaction as the change,
 * so the log and the data can never disagree.
 */
export async function audit(db: Db, entry: AuditEntry): Promise<void> {
	await db
		.insertInto('audit_log')
		.values({
			at: nowIso(),
			user_id: entry.userId,
			action: entry.action,
			entity: entry.entity,
			entity_id: entry.entityId === null ? null : String(entry.entityId),
			before_json: entry.before === undefined ? null : JSON.stringify(entry.before),
			after_json: entry.after === undefined ? null : JSON.stringify(entry.after)
		})
		.execute();
}

export async function auditTrail(db: Db, entity: string, entityId: string | number) {
	return db
		.selectFrom('audit_log')
		.leftJoin('users', 'users.id', 'audit_log.user_id')
		.select(['audit_log.id', 'audit_log.at', 'audit_log.action', 'audit_log.before_json', 'audit_log.after_json', 'users.name as user_name'])
		.where('audit_log.entity', '=', entity)
		.where('audit_log.entity_id', '=', String(entityId))
		.orderBy('audit_log.id', 'desc')
		.execute();
}
