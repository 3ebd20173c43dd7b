import type { Db } from '../db';
import { stillOpen } from '../schools';
import { today } from '../clock';
import { asOfFor } from '../analysis/inputs';
import { registers } from '../soft-intelligence/repository';
import { listFrameworks } from '../quality-mark/frameworks';
import { DEFAULT_POLICY } from '../../domain/analysis/policy';
import { latestOfsted, leadershipRisks } from '../../domain/analysis/soft-intelligence';
import type { CategoriseResult } from '../../domain/analysis/engine';
import { brokerageSettings } from './settings';
import { declinedIn, openPartnerships } from './partnerships';
import { match, supportBar, type BrokerageSchool, type BrokerageSettings, type Declined, type OpenPartnerships, type Proposals } from '../../domain/brokerage';

export interface LoadOptions {
	/** The analysis year whose categories are matched (2019 = 2018/19). */
	year: number;
	/** The LAs whose schools are matched (and may support); null for every LA. */
	las: readonly string[] | null;
	/** yyyy-mm-dd: the register and Quality Marks are read as of this day (for a past year, its autumn; see asOfFor). */
	today?: string;
}

export interface ProposalOptions extends LoadOptions {
	/** The settings of an LA with none of its own. With neither this nor `settingsByLa`, the stored settings (settings.ts). */
	settings?: BrokerageSettings;
	settingsByLa?: Readonly<Record<string, BrokerageSettings>>;
	/** Supporters that said no this year; read from the year's partnerships when not given. */
	declined?: readonly Declined[];
	/** Partnerships proposed or under way this year; read from the year's partnerships when not given. */
	open?: OpenPartnerships;
}

/**
 * Proposals of school-to-school support for a year, for the schools of the LAs asked for: every
 * LA's schools (`brokerageSchools`) paired by `match` in one assignment, under the settings given or
 * else those stored, so a supporter in another LA (where both LAs allow it) is proposed whoever
 * asks, and no supporter is given more schools than its places. Never a supporter that declined the
 * school that year; a school with a partnership proposed or under way needs none, and each such
 * partnership takes up its supporter's place. Asked for one LA with settings of its own, the
 * proposals say that LA's capacity and distance.
 */
export async function proposals(db: Db, options: ProposalOptions): Promise<Proposals> {
	const [schools, settings, declined, open] = await Promise.all([
		brokerageSchools(db, { ...options, las: null }),
		settingsFor(db, options),
		options.declined ?? declinedIn(db, options.year),
		options.open ?? openPartnerships(db, options.year)
	]);
	const found = match(schools, { ...settings, declined, open });
	if (options.las === null) return found;
	const asked = new Set(options.las);
	const theirs = new Set(schools.filter((s) => s.laCode !== null && asked.has(s.laCode)).map((s) => s.urn));
	return { ...found, matches: found.matches.filter((m) => theirs.has(m.supportedUrn)), unmatched: found.unmatched.filter((u) => theirs.has(u.urn)) };
}

/** The settings given, or the stored ones (with the one LA asked for's own as the proposals' headline). */
async function settingsFor(
	db: Db,
	options: Pick<ProposalOptions, 'las' | 'settings' | 'settingsByLa'>
): Promise<{ settings: BrokerageSettings | undefined; settingsByLa: Readonly<Record<string, BrokerageSettings>> | undefined }> {
	if (options.settings !== undefined || options.settingsByLa !== undefined) return { settings: options.settings, settingsByLa: options.settingsByLa };
	const stored = await brokerageSettings(db);
	const only = options.las?.length === 1 ? stored.settingsByLa[options.las[0]] : undefined;
	return { settings: only ?? stored.settings, settingsByLa: stored.settingsByLa };
}

/**
 * The schools brokerage matches for a year: every school with a category that year (the agreed
 * one, or the working one while it waits), with the engine's reasons from the run that proposed it,
 * its place, trust and KS2 size from the register, and its soft intelligence and Quality Marks as of
 * the analysis date.
 */
export async function brokerageSchools(db: Db, options: LoadOptions): Promise<BrokerageSchool[]> {
	const { year, las } = options;
	const asOf = asOfFor(year, options.today ?? today());
	let query = db
		.selectFrom('school_categories as c')
		.innerJoin('schools as s', 's.urn', 'c.urn')
		.innerJoin('analysis_results as r', (join) => join.onRef('r.run_id', '=', 'c.run_id').onRef('r.urn', '=', 'c.urn'))
		.leftJoin('ks2_results as k', (join) => join.onRef('k.urn', '=', 'c.urn').onRef('k.year', '=', 'c.year'))
		.select(['c.urn', 'c.category', 's.name', 's.la_code', 's.trust_name', 's.easting', 's.northing', 'r.result_json', 'k.cohort', 'k.disadvantaged_pct'])
		.where('c.year', '=', year)
		.where(stillOpen('s.status'))
		.orderBy('c.urn');
	if (las !== null) query = query.where('s.la_code', 'in', las.length > 0 ? [...las] : ['']);
	const rows = await query.execute();
	const urns = rows.map((r) => r.urn);
	const [register, marks] = await Promise.all([registers(db, urns), currentMarks(db, asOf)]);
	const newHeadMonths = DEFAULT_POLICY.thresholds.newHeadMonths;

	return rows.map((row) => {
		const result = JSON.parse(row.result_json) as CategoriseResult;
		const entries = register.get(row.urn) ?? [];
		return {
			urn: row.urn,
			name: row.name,
			laCode: row.la_code,
			trust: row.trust_name,
			easting: row.easting,
			northing: row.northing,
			category: row.category,
			cohort: row.cohort ?? result.signals.attainment?.cohort ?? null,
			disadvantagedPct: row.disadvantaged_pct,
			firedRules: result.firedRules.map((f) => f.id),
			signals: result.signals,
			ofsted: latestOfsted(entries, asOf),
			leadershipRisks: leadershipRisks(entries, asOf, newHeadMonths),
			concern: supportBar(entries, asOf, newHeadMonths),
			qualityMarks: marks.get(row.urn) ?? []
		};
	});
}

/** Quality Marks held on `asOf` (awarded by then, not yet expired), by URN. */
async function currentMarks(db: Db, asOf: string): Promise<Map<number, { key: string; name: string; expiryDate: string }[]>> {
	const [frameworks, rows] = await Promise.all([
		listFrameworks(db),
		db
			.selectFrom('quality_marks')
			.select(['urn', 'framework_key', 'expiry_date'])
			.where('award_date', '<=', asOf)
			.where('expiry_date', '>=', asOf)
			.orderBy('urn')
			.orderBy('framework_key')
			.execute()
	]);
	const out = new Map<number, { key: string; name: string; expiryDate: string }[]>();
	for (const r of rows) {
		const name = frameworks.find((f) => f.key === r.framework_key)?.name ?? r.framework_key;
		out.set(r.urn, [...(out.get(r.urn) ?? []), { key: r.framework_key, name, expiryDate: r.expiry_date as string }]);
	}
	return out;
}
