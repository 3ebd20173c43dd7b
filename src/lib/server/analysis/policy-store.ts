import type { Db } from '../db';
import { oneAtATime } from '../db/dialect';
import type { PolicyStatus } from '../db/schema/analysis';
import { audit } from '../audit';
import { nowIso } from '../clock';
import { Refusal } from '../../domain/refusal';
import { validatePolicy, type Policy } from '../../domain/analysis/policy';

export interface StoredPolicy {
	/** The row id: drafts are addressed by it (/admin/policy/[id]). */
	rowId: number;
	status: PolicyStatus;
	policy: Policy;
	basedOn: number | null;
	createdAt: string;
	updatedAt: string;
	adoptedAt: string | null;
	/** Why it was adopted, as the admin gave it. */
	adoptionReason: string | null;
	adoptedBy: string | null;
	/** The LA whose policy it is; null for the installation's, which every LA without its own uses. */
	laCode: string | null;
}

/** A stored definition that no longer validates is a bug or a hand edit: say so rather than run it. */
function parse(json: string, rowId: number): Policy {
	const checked = validatePolicy(JSON.parse(json));
	if (!checked.ok) throw new Error(`Policy row ${rowId} is not a valid policy: ${Object.values(checked.errors).join('; ')}`);
	return checked.value;
}

function baseQuery(db: Db) {
	return db
		.selectFrom('policy_versions as p')
		.leftJoin('users as u', 'u.id', 'p.adopted_by')
		.select([
			'p.id',
			'p.status',
			'p.definition_json',
			'p.based_on',
			'p.created_at',
			'p.updated_at',
			'p.adopted_at',
			'p.adoption_reason',
			'p.la_code',
			'u.name as adopted_by_name'
		]);
}

type Row = Awaited<ReturnType<ReturnType<typeof baseQuery>['executeTakeFirstOrThrow']>>;

function toStored(r: Row): StoredPolicy {
	return {
		rowId: r.id,
		status: r.status,
		policy: parse(r.definition_json, r.id),
		basedOn: r.based_on,
		createdAt: r.created_at,
		updatedAt: r.updated_at,
		adoptedAt: r.adopted_at,
		adoptionReason: r.adoption_reason,
		adoptedBy: r.adopted_by_name,
		laCode: r.la_code
	};
}

/**
 * The policy an LA's runs use: its own adopted one, or else the installation's (`la` null: the
 * installation's). The first migration adopts afo-default-1 version 1, so there is always one.
 */
export async function adoptedPolicy(db: Db, la: string | null = null): Promise<StoredPolicy> {
	const rows = await baseQuery(db)
		.where('p.status', '=', 'adopted')
		.where((eb) => (la === null ? eb('p.la_code', 'is', null) : eb.or([eb('p.la_code', 'is', null), eb('p.la_code', '=', la)])))
		.execute();
	const row = rows.find((r) => r.la_code === la) ?? rows.find((r) => r.la_code === null);
	if (!row) throw new Error('No policy is adopted. The database migrations have not run.');
	return toStored(row);
}

/** The LAs with an adopted policy of their own. */
export async function lasWithOwnPolicy(db: Db): Promise<string[]> {
	const rows = await db.selectFrom('policy_versions').select('la_code').where('status', '=', 'adopted').where('la_code', 'is not', null).execute();
	return rows.map((r) => r.la_code!).sort();
}

export async function getPolicyVersion(db: Db, rowId: number): Promise<StoredPolicy | null> {
	const row = await baseQuery(db).where('p.id', '=', rowId).executeTakeFirst();
	return row ? toStored(row) : null;
}

/** Adopted and earlier versions newest first, then drafts newest first. */
export async function listPolicyVersions(db: Db): Promise<StoredPolicy[]> {
	const rows = await baseQuery(db).orderBy('p.id', 'desc').execute();
	const all = rows.map(toStored);
	return [...all.filter((p) => p.status !== 'draft'), ...all.filter((p) => p.status === 'draft')];
}

/**
 * Copies the policy an LA uses (or, with `la` null, the installation's) into a new draft of that
 * LA's (or the installation's) policy. Nothing else changes.
 */
export async function createDraft(db: Db, userId: number | null, la: string | null = null): Promise<number> {
	const adopted = await adoptedPolicy(db, la);
	const now = nowIso();
	// The draft carries the number it would get if adopted now; adoption numbers it for real.
	const draft: Policy = { ...adopted.policy, version: adopted.policy.version + 1 };
	return db.transaction().execute(async (trx) => {
		const row = await trx
			.insertInto('policy_versions')
			.values({
				policy_id: draft.id,
				version: null,
				status: 'draft',
				definition_json: JSON.stringify(draft),
				based_on: adopted.rowId,
				la_code: la,
				created_by: userId,
				created_at: now,
				updated_at: now,
				adopted_by: null,
				adopted_at: null
			})
			.returning('id')
			.executeTakeFirstOrThrow();
		await audit(trx, {
			userId,
			action: 'policy.draft',
			entity: 'policy',
			entityId: row.id,
			after: { basedOn: `${adopted.policy.id} v${adopted.policy.version}`, ...(la !== null && { la }) }
		});
		return row.id;
	});
}

async function requireDraft(db: Db, rowId: number): Promise<StoredPolicy> {
	const stored = await getPolicyVersion(db, rowId);
	// `form`: the policy page shows a refusal of the whole draft at the top of its error summary.
	if (!stored) throw new Refusal('There is no such policy draft', { status: 404, field: 'form' });
	if (stored.status !== 'draft') throw new Refusal('Only a draft can be changed. Make a new draft from the adopted policy.', { field: 'form' });
	return stored;
}

/** Why a draft made before the version now in use is not adopted without a tick. */
const newerMessage = (inUse: number) =>
	`Version ${inUse} was adopted after this draft was made, so adopting the draft would undo any change version ${inUse} made. Tick the box to adopt it anyway, or start a new draft from version ${inUse}.`;

/** Whether a draft was made from a version other than the one in use now (one adopted since), and which version it was made from. */
export async function draftBasis(db: Db, draft: StoredPolicy): Promise<{ version: number | null; outdated: boolean }> {
	const [basis, inUse] = await Promise.all([draft.basedOn === null ? null : getPolicyVersion(db, draft.basedOn), adoptedPolicy(db, draft.laCode)]);
	return { version: basis?.policy.version ?? null, outdated: inUse.rowId !== draft.basedOn };
}

/** The LA a policy of its own is for, as its audit entries record it (audit.ts reads `la`); nothing for the policy every LA shares. */
const laOf = (stored: { laCode: string | null }) => (stored.laCode === null ? {} : { la: stored.laCode });

/**
 * Saves a draft's new thresholds and rules (as the admin form sends them, numbers as strings).
 * The policy id and the version stay as they were: only adoption numbers a version.
 */
export async function saveDraft(db: Db, rowId: number, raw: { name: unknown; thresholds: unknown; rules: unknown }, userId: number | null): Promise<Policy> {
	const stored = await requireDraft(db, rowId);
	const checked = validatePolicy({ ...raw, id: stored.policy.id, version: stored.policy.version });
	if (!checked.ok) throw Refusal.fields(checked.errors, 'Check the policy');
	await db.transaction().execute(async (trx) => {
		await trx
			.updateTable('policy_versions')
			.set({ definition_json: JSON.stringify(checked.value), updated_at: nowIso() })
			.where('id', '=', rowId)
			.execute();
		await audit(trx, {
			userId,
			action: 'policy.draft_update',
			entity: 'policy',
			entityId: rowId,
			before: stored.policy,
			after: { ...checked.value, ...laOf(stored) }
		});
	});
	return checked.value;
}

export async function discardDraft(db: Db, rowId: number, userId: number | null): Promise<void> {
	const stored = await requireDraft(db, rowId);
	await db.transaction().execute(async (trx) => {
		await trx.deleteFrom('policy_versions').where('id', '=', rowId).execute();
		await audit(trx, { userId, action: 'policy.draft_discard', entity: 'policy', entityId: rowId, before: { ...stored.policy, ...laOf(stored) } });
	});
}

/**
 * Adopts a draft as the next version of its policy. The adopted one before it is kept, superseded,
 * so every past run can still say exactly which rules it used.
 */
export async function adoptDraft(
	db: Db,
	rowId: number,
	userId: number | null,
	reason: string | null = null,
	options: { overNewer?: boolean } = {}
): Promise<Policy> {
	const now = nowIso();
	return db.transaction().execute(async (trx) => {
		// One adoption at a time, on any app server: the second sees the version the first adopted.
		await oneAtATime(trx, 'policy');
		const stored = await requireDraft(trx, rowId);
		const la = stored.laCode;
		// A draft copied from a version since replaced would undo that version's changes: only when asked to.
		const inUse = await adoptedPolicy(trx, la);
		if (inUse.rowId !== stored.basedOn && !options.overNewer) throw new Refusal(newerMessage(inUse.policy.version), { field: 'over-newer' });
		// The one it replaces: the adopted policy of the same LA, or the installation's.
		const current = await trx
			.selectFrom('policy_versions')
			.select(['id', 'definition_json'])
			.where('status', '=', 'adopted')
			.where((eb) => (la === null ? eb('la_code', 'is', null) : eb('la_code', '=', la)))
			.executeTakeFirst();
		const top = await trx
			.selectFrom('policy_versions')
			.select((eb) => eb.fn.max('version').as('v'))
			.where('policy_id', '=', stored.policy.id)
			.executeTakeFirst();
		const policy: Policy = { ...stored.policy, version: Number(top?.v ?? 0) + 1 };
		if (current) await trx.updateTable('policy_versions').set({ status: 'superseded', updated_at: now }).where('id', '=', current.id).execute();
		await trx
			.updateTable('policy_versions')
			.set({
				status: 'adopted',
				version: policy.version,
				definition_json: JSON.stringify(policy),
				adopted_by: userId,
				adopted_at: now,
				adoption_reason: reason,
				updated_at: now
			})
			.where('id', '=', rowId)
			.execute();
		await audit(trx, {
			userId,
			action: 'policy.adopt',
			entity: 'policy',
			entityId: rowId,
			before: current ? JSON.parse(current.definition_json) : null,
			after: { ...policy, ...(reason !== null && { reason }), ...laOf(stored) }
		});
		return policy;
	});
}
