import { CliError, yearCommandArgs, type Command } from '../lib/cli';
import { academicYearLabel } from '../../src/lib/domain/ks2/types';
import { askedLas, commandLas } from '../lib/las';

const USAGE =
	'npm run triage -- broker [--year 2018-19] [--la CODE ...] [--format csv|json]\n' +
	'  Proposes school-to-school support: a supporter for each school in Light touch, Focus or Intensive\n' +
	'  support, from the needs behind its category and the strengths of Secure Plus and Secure schools\n' +
	'  nearby, with the reasons for each match and why any school is left without one. Each LA’s\n' +
	'  settings (Admin > Policy > School-to-school support) say how many schools a supporter takes and\n' +
	'  how far it may be: 2 schools each, within 25 km, in the same LA until they are changed.\n' +
	'  A table unless --format csv or json.\n' +
	'  Without --year it uses the latest year with categories. --la matches one LA’s schools (repeat it\n' +
	'  for several); without it, every LA the installation serves.';

export const broker: Command = {
	summary: 'Propose school-to-school support for a year and print the matches',
	usage: USAGE,
	async run(argv) {
		const { year: asked, format, la } = yearCommandArgs(argv, 'broker', ['table', 'csv', 'json'] as const, USAGE);
		const las = askedLas(la, USAGE);

		const [{ db }, { migrateToLatest }, { latestCategoryYear }, { proposals }, { toCsv }] = await Promise.all([
			import('../../src/lib/server/db'),
			import('../../src/lib/server/db/migrate'),
			import('../../src/lib/server/analysis'),
			import('../../src/lib/server/brokerage'),
			import('../../src/lib/server/csv')
		]);
		await migrateToLatest(db());
		const scope = await commandLas(db(), las);
		const year = asked ?? (await latestCategoryYear(db()));
		if (year === null) throw new CliError('No school has a category yet, so there is nothing to match. Run the analysis first (npm run triage -- categorise).');
		if (!(await hasCategories(db(), year)))
			throw new CliError(`No school has a category for ${academicYearLabel(year)}. Run the analysis for that year first.`);
		const result = await proposals(db(), { year, las: scope });

		if (format === 'json') {
			const json = {
				maxDistanceKm: result.maxDistanceKm,
				capacityPerSupporter: result.capacityPerSupporter,
				matches: result.matches.map((m) => ({
					supportedUrn: m.supportedUrn,
					supportingUrn: m.supportingUrn,
					need: m.need,
					distanceKm: m.distanceKm,
					reasons: m.reasons
				})),
				unmatched: result.unmatched.map((u) => ({ urn: u.urn, reason: u.reason }))
			};
			process.stdout.write(JSON.stringify(json, null, 2) + '\n');
			return;
		}
		const rows = [
			...result.matches.map((m) => [m.supportedUrn, m.supportingUrn, m.need, m.distanceKm, m.reasons]),
			...result.unmatched.map((u) => [u.urn, null, null, null, u.reason])
		];
		const header = ['Supported URN', 'Supporting URN', 'Need', 'Distance (km)', 'Reasons'];
		if (format === 'csv') {
			// Standard output is read by other programs, which would take a byte order mark for part of the first column's name.
			process.stdout.write(toCsv([header, ...rows], { byteOrderMark: false }));
			return;
		}
		process.stdout.write(table(header, rows));
		process.stdout.write(
			`\n${result.matches.length} ${result.matches.length === 1 ? 'school' : 'schools'} matched, ${result.unmatched.length} without a supporter ` +
				`(${academicYearLabel(year)}; at most ${result.capacityPerSupporter} each, within ${result.maxDistanceKm} km).\n`
		);
	}
};

async function hasCategories(db: import('../../src/lib/server/db').Db, year: number): Promise<boolean> {
	return (await db.selectFrom('school_categories').select('urn').where('year', '=', year).limit(1).executeTakeFirst()) !== undefined;
}

/** Columns padded to the widest cell; the last column (the reasons) runs on. */
function table(header: string[], rows: (string | number | null)[][]): string {
	const cells = [header, ...rows].map((r) => r.map((c) => (c === null ? '' : String(c))));
	const widths = header.map((_, i) => Math.max(...cells.map((r) => r[i].length)));
	return cells.map((r) => r.map((c, i) => (i === r.length - 1 ? c : c.padEnd(widths[i]))).join('  ')).join('\n') + '\n';
}
