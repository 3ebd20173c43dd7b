import type { Db } from './db';
import { nowIso } from './clock';
import { auditSentence, type AuditAction } from '../domain/audit-text';
import { laLabel } from '../domain/las';

export interface AuditEntry {
	/** Who made the change; null for the system (demo seed, CLI without a user). */
	userId: number | null;
	/** What happened, as a dotted verb with a sentence in AUDIT_SENTENCES: `user.create`, `import.rollback`. */
	action: AuditAction;
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

/** One logged change as the audit log page shows it: when, who, and what, in a sentence. */
export interface AuditLine {
	id: number;
	at: string;
	who: string | null;
	sentence: string;
	before: string | null;
	after: string | null;
}

/** The names of the things the entries changed, looked up in one query per kind. */
async function subjectNames(db: Db, entries: readonly { entity: string; entity_id: string | null }[]): Promise<Map<string, string>> {
	const ids = (entity: string) => [...new Set(entries.filter((e) => e.entity === entity && e.entity_id !== null).map((e) => e.entity_id!))];
	const names = new Map<string, string>();
	const urns = [...new Set([...ids('school'), ...ids('quality_mark').map((ref) => ref.split('/')[0])].map(Number).filter(Number.isInteger))];
	const schools = new Map(
		urns.length ? (await db.selectFrom('schools').select(['urn', 'name']).where('urn', 'in', urns).execute()).map((s) => [s.urn, s.name] as const) : []
	);
	for (const id of ids('school')) if (schools.has(Number(id))) names.set(`school:${id}`, schools.get(Number(id))!);
	for (const ref of ids('quality_mark')) if (schools.has(Number(ref.split('/')[0]))) names.set(`quality_mark:${ref}`, schools.get(Number(ref.split('/')[0]))!);
	const userIds = ids('user').map(Number);
	if (userIds.length)
		for (const u of await db.selectFrom('users').select(['id', 'name']).where('id', 'in', userIds).execute()) names.set(`user:${u.id}`, u.name);
	const engagementIds = ids('engagement').map(Number);
	if (engagementIds.length) {
		const rows = await db
			.selectFrom('engagements as e')
			.leftJoin('schools as s', 's.urn', 'e.urn')
			.select(['e.id', 'e.label', 's.name'])
			.where('e.id', 'in', engagementIds)
			.execute();
		for (const e of rows) names.set(`engagement:${e.id}`, e.name ? `${e.label}, ${e.name}` : e.label);
	}
	const templateIds = ids('engagement_template');
	if (templateIds.length)
		for (const t of await db.selectFrom('engagement_templates').select(['id', 'label']).where('id', 'in', templateIds).execute())
			names.set(`engagement_template:${t.id}`, t.label);
	const laCodes = ids('brokerage_settings').filter((code) => code !== '');
	if (laCodes.length)
		for (const la of await db
			.selectFrom('schools')
			.select(['la_code', (eb) => eb.fn.max('la_name').as('la_name')])
			.where('la_code', 'in', laCodes)
			.groupBy('la_code')
			.execute())
			names.set(`brokerage_settings:${la.la_code}`, laLabel({ code: la.la_code as string, name: la.la_name }));
	const summaryIds = ids('se_summary').map(Number);
	if (summaryIds.length) {
		const rows = await db
			.selectFrom('se_summaries as se')
			.leftJoin('schools as s', 's.urn', 'se.urn')
			.select(['se.id', 'se.urn', 's.name'])
			.where('se.id', 'in', summaryIds)
			.execute();
		for (const r of rows) names.set(`se_summary:${r.id}`, `${r.name ?? 'the school'} (URN ${r.urn})`);
	}
	return names;
}

/**
 * The school an entry is about, where it is about one (a school, its Quality Mark, an engagement or
 * a self-evaluation summary): for keeping another LA's changes from an admin who serves some LAs.
 */
async function subjectSchools(db: Db, entries: readonly { entity: string; entity_id: string | null }[]): Promise<Map<string, number>> {
	const of = new Map<string, number>();
	const ids = (entity: string) => entries.filter((e) => e.entity === entity && e.entity_id !== null).map((e) => e.entity_id!);
	for (const id of ids('school')) of.set(`school:${id}`, Number(id));
	for (const ref of ids('quality_mark')) of.set(`quality_mark:${ref}`, Number(ref.split('/')[0]));
	const engagements = ids('engagement').map(Number).filter(Number.isInteger);
	if (engagements.length)
		for (const e of await db.selectFrom('engagements').select(['id', 'urn']).where('id', 'in', engagements).execute()) of.set(`engagement:${e.id}`, e.urn);
	const summaries = ids('se_summary').map(Number).filter(Number.isInteger);
	if (summaries.length)
		for (const r of await db.selectFrom('se_summaries').select(['id', 'urn']).where('id', 'in', summaries).execute()) of.set(`se_summary:${r.id}`, r.urn);
	return of;
}

/** Settings an LA may have of its own: their audit entries say which LA in `la` (brokerage settings in the entity id). */
const LA_SETTINGS = new Set(['term_dates', 'closure_day', 'engagement_template', 'policy']);

/**
 * The LA whose own settings an entry changed, or null for one about no LA's settings (or the
 * settings every LA shares, which apply to each LA).
 */
function settingsLa(e: { entity: string; entity_id: string | null; before_json: string | null; after_json: string | null }): string | null {
	if (e.entity === 'brokerage_settings') return e.entity_id || null;
	if (!LA_SETTINGS.has(e.entity)) return null;
	for (const json of [e.after_json, e.before_json]) {
		const la = json === null ? undefined : (JSON.parse(json) as { la?: unknown } | null)?.la;
		if (typeof la === 'string' && la !== '') return la;
	}
	return null;
}

/**
 * A page of the audit log, newest first, each change in a sentence. `served`: the schools of the LAs
 * the admin reading it serves (la-scope.ts; null: every school); a change about another LA's school
 * is left out, and so is a change to an account not in `accounts` (the accounts that admin is shown;
 * null: every account) and a change to another LA's own settings (not in `las`, the LAs that admin
 * serves; null: every LA), so a page may hold fewer than `limit`. `last` is the id a next page starts before.
 */
export async function auditLines(
	db: Db,
	o: {
		before: number | null;
		limit: number;
		served?: ReadonlySet<number> | null;
		accounts?: ReadonlySet<number> | null;
		las?: ReadonlySet<string> | null;
	}
): Promise<{ lines: AuditLine[]; last: number | null }> {
	let query = db
		.selectFrom('audit_log')
		.leftJoin('users', 'users.id', 'audit_log.user_id')
		.select([
			'audit_log.id',
			'audit_log.at',
			'audit_log.action',
			'audit_log.entity',
			'audit_log.entity_id',
			'audit_log.before_json',
			'audit_log.after_json',
			'users.name as user_name'
		])
		.orderBy('audit_log.id', 'desc')
		.limit(o.limit);
	if (o.before !== null) query = query.where('audit_log.id', '<', o.before);
	const all = await query.execute();
	const served = o.served ?? null;
	const schoolOf = served === null ? new Map<string, number>() : await subjectSchools(db, all);
	const accounts = o.accounts ?? null;
	const las = o.las ?? null;
	const entries = all.filter((e) => {
		const urn = schoolOf.get(`${e.entity}:${e.entity_id}`);
		if (accounts !== null && e.entity === 'user' && !accounts.has(Number(e.entity_id))) return false;
		const la = las === null ? null : settingsLa(e);
		if (la !== null && !las!.has(la)) return false;
		return served === null || urn === undefined || served.has(urn);
	});
	const names = await subjectNames(db, entries);
	const lines = entries.map((e) => ({
		id: e.id,
		at: e.at,
		who: e.user_name,
		sentence: auditSentence(e.action, { entity: e.entity, entityId: e.entity_id, name: names.get(`${e.entity}:${e.entity_id}`) ?? null }),
		before: e.before_json,
		after: e.after_json
	}));
	return { lines, last: all.length === o.limit ? all[all.length - 1].id : null };
}
