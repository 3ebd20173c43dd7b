import { CliError, parseCommandArgs, type Command } from '../lib/cli';
import { parseAcademicYear } from '../../src/lib/domain/ks2/types';
import { askedLas, commandLas } from '../lib/las';

const USAGE =
	'npm run triage -- schedule [--year 2026-27] [--la CODE ...] [--format json|ics]\n' +
	'  Prints the plan of a school year: every engagement with its school, adviser and date, and what\n' +
	'  could not be placed with the reason (JSON), or the engagements as an ICS calendar (--format ics).\n' +
	'  Without --year it uses the year after the latest year with KS2 results. A year not yet planned in\n' +
	'  the app is planned from its agreed categories for printing, but not stored.\n' +
	'  --la prints one LA’s schools (repeat it for several); without it, every LA the installation serves.\n' +
	'  Each LA with term dates, closure days or templates of its own is planned on them.';

export const schedule: Command = {
	summary: 'Print the plan of a school year as JSON or as an ICS calendar',
	usage: USAGE,
	async run(argv) {
		const { values, positionals } = parseCommandArgs(
			argv,
			{ year: { type: 'string' }, format: { type: 'string' }, la: { type: 'string', multiple: true } },
			USAGE
		);
		if (positionals.length > 0) throw new CliError(`schedule takes no file or other words: "${positionals.join(' ')}".\nUsage: ${USAGE}`);
		const format = values.format ?? 'json';
		if (format !== 'json' && format !== 'ics') throw new CliError(`--format must be json or ics, not "${format}".\nUsage: ${USAGE}`);
		const asked = values.year === undefined ? null : parseAcademicYear(values.year);
		if (values.year !== undefined && asked === null) throw new CliError(`--year must be a school year like 2026-27, not "${values.year}".\nUsage: ${USAGE}`);

		const las = askedLas(values.la, USAGE);

		const [{ db }, { migrateToLatest }, schedule] = await Promise.all([
			import('../../src/lib/server/db'),
			import('../../src/lib/server/db/migrate'),
			import('../../src/lib/server/schedule')
		]);
		await migrateToLatest(db());
		const year = asked ?? (await schedule.planningYear(db()));
		if (year === null) throw new CliError('There are no KS2 results yet, so there is no year to plan. Import a KS2 file, or give --year.');
		const plan = await schedule.exportPlan(db(), year, await commandLas(db(), las));
		if (!plan.stored) process.stderr.write(`${plan.schoolYear} has not been planned in Triage yet: this is the plan its agreed categories give, not stored.\n`);
		if (format === 'ics') {
			// Its events cannot be the stored engagements' events: a calendar that imports both has each visit twice.
			if (!plan.stored)
				process.stderr.write(
					'Its events are a preview: once the year is planned in Triage its engagements are new events, so do not import this file into a calendar you will keep.\n'
				);
			process.stdout.write(schedule.exportedPlanIcs(plan));
			return;
		}
		const { events: _events, ...json } = plan;
		process.stdout.write(JSON.stringify(json, null, 2) + '\n');
	}
};
