import { yearCommandArgs, type Command } from '../lib/cli';
import { askedLas, commandLas } from '../lib/las';

const USAGE =
	'npm run triage -- categorise [--year 2018-19] [--la CODE ...] [--format csv|json]\n' +
	'  Runs the desktop analysis with the adopted policy, stores the run, and writes each school’s\n' +
	'  proposed category, confidence, rules and reasons to standard output (CSV unless --format json).\n' +
	'  Without --year it uses the latest year with KS2 results.\n' +
	'  --la runs it for one LA (repeat it for several, as --la 850 --la 936), on that LA’s policy;\n' +
	'  without it, for every LA the installation serves, each on its own policy.';

export const categorise: Command = {
	summary: 'Run the desktop analysis for a year and print every school’s proposed category',
	usage: USAGE,
	async run(argv) {
		const { year, format, la } = yearCommandArgs(argv, 'categorise', ['csv', 'json'] as const, USAGE);
		const asked = askedLas(la, USAGE);

		const [{ db }, { migrateToLatest }, analysis, { CATEGORY_LABELS }, { toCsv }, { hasEnglandFigures }, { noEnglandComparatorWarning }] = await Promise.all([
			import('../../src/lib/server/db'),
			import('../../src/lib/server/db/migrate'),
			import('../../src/lib/server/analysis'),
			import('../../src/lib/domain/analysis/categories'),
			import('../../src/lib/server/csv'),
			import('../../src/lib/server/import/ks2-repository'),
			import('../../src/lib/domain/import/england-figures')
		]);
		await migrateToLatest(db());
		const las = await commandLas(db(), asked);
		const outcome = await analysis.runAnalysis(db(), { year, userId: null, las });
		const { run } = outcome;
		// Not an error: the run is stored. Said on standard error, apart from the output other programs read.
		if (!(await hasEnglandFigures(db(), run.year))) console.error(noEnglandComparatorWarning(run.year));
		const results = [...outcome.results].sort((a, b) => a.urn - b.urn);
		const reasons = (r: (typeof results)[number]) => (r.firedRules.length > 0 ? r.firedRules.map((f) => f.sentence) : [r.summary]);
		if (format === 'json') {
			const schools = results.map((r) => ({
				urn: r.urn,
				name: r.name,
				category: r.category,
				categoryLabel: CATEGORY_LABELS[r.category],
				confidence: r.confidence,
				needsConfirmation: r.needsConfirmation,
				rules: r.firedRules.map((f) => f.id),
				reasons: reasons(r)
			}));
			process.stdout.write(
				JSON.stringify(
					{
						runId: run.id,
						year: run.year,
						policy: { id: run.policyId, version: run.policyVersion },
						// One run, or one for each LA on its own policy.
						runs: outcome.runs.map((r) => ({ id: r.id, la: r.laCode, policy: { id: r.policyId, version: r.policyVersion }, schools: r.schoolCount })),
						schools
					},
					null,
					2
				) + '\n'
			);
			return;
		}
		const rows = results.map((r) => [
			r.urn,
			r.name,
			CATEGORY_LABELS[r.category],
			r.confidence,
			r.needsConfirmation ? 'yes' : 'no',
			r.firedRules.map((f) => f.id).join(' '),
			reasons(r).join(' ')
		]);
		// Standard output is read by other programs (head, a database's import), which would take a
		// byte order mark for part of the first column's name, so this one export leaves it out.
		const header = ['URN', 'School', 'Category', 'Confidence', 'Needs confirmation', 'Rules', 'Reasons'];
		process.stdout.write(toCsv([header, ...rows], { byteOrderMark: false }));
	}
};
