import type { Db } from '../db';
import { audit } from '../audit';
import { nowIso } from '../clock';
import { isCategory, type Category } from '../../domain/analysis/categories';
import { checkBrokerageSettings, DEFAULT_BROKERAGE_SETTINGS, type BrokerageSettings, type BrokerageSettingsInput } from '../../domain/brokerage';
import { Refusal } from '../../domain/refusal';

/** Whose settings: an LA's code, or '' for the installation's, which every LA without its own uses (migration 0027). */
export type BrokerageScope = string;
export const EVERY_LA: BrokerageScope = '';

export interface StoredBrokerageSettings {
	/** The settings of every LA without its own: the installation's saved ones, or the app's defaults. */
	settings: BrokerageSettings;
	/** Each LA's own, by LA code. */
	settingsByLa: Record<string, BrokerageSettings>;
	/** Whether the installation has saved settings of its own (else `settings` are the defaults). */
	saved: boolean;
}

/** The stored brokerage settings: the installation's (or the defaults) and each LA's own, as `match` takes them. */
export async function brokerageSettings(db: Db): Promise<StoredBrokerageSettings> {
	const rows = await db.selectFrom('brokerage_settings').selectAll().orderBy('la_code').execute();
	const installation = rows.find((r) => r.la_code === EVERY_LA);
	const settingsByLa: Record<string, BrokerageSettings> = {};
	for (const r of rows) if (r.la_code !== EVERY_LA) settingsByLa[r.la_code] = fromRow(r);
	return { settings: installation ? fromRow(installation) : DEFAULT_BROKERAGE_SETTINGS, settingsByLa, saved: installation !== undefined };
}

/** The settings one LA's schools are matched by ('' for every LA's), and whose they are: its own, the installation's, or the defaults. */
export async function brokerageSettingsOf(db: Db, scope: BrokerageScope): Promise<{ settings: BrokerageSettings; from: 'own' | 'every LA' | 'defaults' }> {
	const stored = await brokerageSettings(db);
	if (scope !== EVERY_LA && stored.settingsByLa[scope]) return { settings: stored.settingsByLa[scope], from: 'own' };
	return { settings: stored.settings, from: stored.saved ? 'every LA' : 'defaults' };
}

/**
 * Saves an LA's own brokerage settings ('' for every LA's), if they pass checkBrokerageSettings;
 * refused with each field's message under its id. What the form did not ask keeps what the LA has now.
 */
export async function saveBrokerageSettings(db: Db, userId: number, scope: BrokerageScope, input: BrokerageSettingsInput): Promise<BrokerageSettings> {
	const before = await brokerageSettingsOf(db, scope);
	const check = checkBrokerageSettings(input, before.settings);
	if (!check.ok) throw Refusal.fields(check.errors);
	const settings = check.settings;
	const row = {
		capacity: settings.capacity,
		max_distance_km: settings.maxDistanceKm,
		supporting_categories_json: JSON.stringify(settings.supportingCategories),
		allow_other_las: settings.allowOtherLas ? 1 : 0,
		updated_at: nowIso(),
		updated_by: userId
	};
	await db.transaction().execute(async (trx) => {
		await trx
			.insertInto('brokerage_settings')
			.values({ la_code: scope, ...row })
			.onConflict((oc) => oc.column('la_code').doUpdateSet(row))
			.execute();
		await audit(trx, {
			userId,
			action: 'brokerage_settings.update',
			entity: 'brokerage_settings',
			entityId: scope,
			before: { la: scope, from: before.from, ...before.settings },
			after: { la: scope, ...settings }
		});
	});
	return settings;
}

/** Drops an LA's own settings, so it uses those every LA shares again; with '', every LA's go back to the defaults. */
export async function resetBrokerageSettings(db: Db, userId: number, scope: BrokerageScope): Promise<void> {
	const before = await brokerageSettingsOf(db, scope);
	await db.transaction().execute(async (trx) => {
		const deleted = await trx.deleteFrom('brokerage_settings').where('la_code', '=', scope).executeTakeFirst();
		if (Number(deleted.numDeletedRows) === 0) return;
		await audit(trx, {
			userId,
			action: 'brokerage_settings.reset',
			entity: 'brokerage_settings',
			entityId: scope,
			before: { la: scope, ...before.settings }
		});
	});
}

function fromRow(r: { capacity: number; max_distance_km: number; supporting_categories_json: string; allow_other_las: number }): BrokerageSettings {
	const categories = (JSON.parse(r.supporting_categories_json) as unknown[]).filter(isCategory) as Category[];
	return { capacity: r.capacity, maxDistanceKm: Number(r.max_distance_km), supportingCategories: categories, allowOtherLas: Number(r.allow_other_las) === 1 };
}
