import type { Db } from '../db';
import { today } from '../clock';
import { asOfFor } from '../analysis/inputs';
import { registers } from '../soft-intelligence/repository';
import { listFrameworks } from '../quality-mark/frameworks';
import { DEFAULT_POLICY } from '../../domain/analysis/policy';
import { latestOfsted, leadershipRisks } from '../../domain/analysis/soft-intelligence';
import type { CategoriseResult } from '../../domain/analysis/engine';
import { match, supportBar, type BrokerageSchool, type BrokerageSettings, type Declined, type Proposals } from '../../domain/brokerage';

export interface ProposalOptions {
	/** The analysis year whose categories are matched (2019 = 2018/19). */
	year: number;
	/** The LAs whose schools are matched (and may support); null for every LA. */
	las: readonly string[] | null;
	/** The settings of an LA with none of its own (default: the domain's defaults). */
	settings?: BrokerageSettings;
	settingsByLa?: Readonly<Record<string, BrokerageSettings>>;
	/** Supporters that said no this year. */
	declined?: readonly Declined[];
	/** yyyy-mm-dd: the register and Quality Marks are read as of this day (for a past year, its autumn; see asOfFor). */
	today?: string;
}

/**
 * Proposals of school-to-school support for a year: every school with a category that year (the
 * agreed one, or the working one while it waits), with the engine's reasons from the run that
 * proposed it, its place, trust and KS2 size from the register, and its soft intelligence and
 * Quality Marks as of the analysis date; then `match` pairs them.
 */
export async function proposals(db: Db, options: ProposalOptions): Promise<Proposals> {
	const { year, las } = options;
	const asOf = asOfFor(year, options.today ?? today());
	let query = db
		.selectFrom('school_categories as c')
		.innerJoin('schools as s', 's.urn', 'c.urn')
		.innerJoin('analysis_results as r', (join) => join.onRef('r.run_id', '=', 'c.run_id').onRef('r.urn', '=', 'c.urn'))
		.leftJoin('ks2_results as k', (join) => join.onRef('k.urn', '=', 'c.urn').onRef('k.year', '=', 'c.year'))
		.select(['c.urn', 'c.category', 's.name', 's.la_code', 's.trust_name', 's.easting', 's.northing', 'r.result_json', 'k.cohort', 'k.disadvantaged_pct'])
		.where('c.year', '=', year)
		.where((eb) => eb.or([eb('s.status', 'is', null), eb('s.status', 'not like', 'Closed%')]))
		.orderBy('c.urn');
	if (las !== null) query = query.where('s.la_code', 'in', las.length > 0 ? [...las] : ['']);
	const rows = await query.execute();
	const urns = rows.map((r) => r.urn);
	const [register, marks] = await Promise.all([registers(db, urns), currentMarks(db, asOf)]);
	const newHeadMonths = DEFAULT_POLICY.thresholds.newHeadMonths;

	const schools: BrokerageSchool[] = rows.map((row) => {
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
	return match(schools, { settings: options.settings, settingsByLa: options.settingsByLa, declined: options.declined });
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
