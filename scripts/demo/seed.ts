import type { Db } from '../../src/lib/server/db';
import { loadDemoLas } from './la';
import { runDemoAnalysis } from './analysis';
import { seedDemoQualityMarks } from './quality-marks';
import { seedDemoSchedule } from './schedule';
import { DEMO_YEARS } from './dfe-files';
import { createDemoUsers, createRegionalUser, createSecondLaUsers, DEMO_PASSWORD, type DemoLogin } from './users';
import { DEMO_LAS } from './schools';
import { ROLE_LABELS } from '../../src/lib/domain/roles';

/** True when nobody has been set up yet: the only time the demo LA is loaded. */
export async function isEmpty(db: Db): Promise<boolean> {
	const user = await db.selectFrom('users').select('id').limit(1).executeTakeFirst();
	const school = await db.selectFrom('schools').select('urn').limit(1).executeTakeFirst();
	return !user && !school;
}

async function userId(db: Db, email: string): Promise<number> {
	return (await db.selectFrom('users').select('id').where('email', '=', email).executeTakeFirstOrThrow()).id;
}

/**
 * The whole demo: register and results through the importer, accounts, and two years of analysis.
 * `schools` sizes each LA (120 by default); `las` is how many LAs to load: the demo LA alone (as
 * `npm start` loads it), or with a second LA, its own advisers and a regional login serving both.
 */
export async function seedDemo(db: Db, options: { schools?: number; las?: number } = {}): Promise<DemoLogin[]> {
	const las = DEMO_LAS.slice(0, Math.max(1, options.las ?? 1));
	if ((options.las ?? 1) > DEMO_LAS.length) throw new Error(`The demo has ${DEMO_LAS.length} LAs at most.`);
	const loaded = await loadDemoLas(db, options.schools, las);
	const several = loaded.length > 1;
	const [first, ...others] = loaded;
	const logins = await createDemoUsers(db, first.urns, several ? first.la : undefined);
	for (const { la, urns } of others) logins.push(...(await createSecondLaUsers(db, la, urns)));
	if (several) logins.push(await createRegionalUser(db, las));
	const analystId = await userId(db, logins.find((l) => l.role === 'analyst')!.email);
	const leadId = await userId(db, logins.find((l) => l.role === 'lead_adviser')!.email);
	const [lastYear, thisYear] = DEMO_YEARS.slice(-2);
	await runDemoAnalysis(db, { analystId, leadId }, [lastYear, thisYear]);
	await seedDemoQualityMarks(
		db,
		loaded.flatMap((l) => l.urns)
	);
	await seedDemoSchedule(db);
	return logins;
}

export function describeLogins(logins: DemoLogin[]): string {
	const width = Math.max(...logins.map((l) => ROLE_LABELS[l.role].length));
	const emailWidth = Math.max(...logins.map((l) => l.email.length));
	const line = (l: DemoLogin) => `  ${ROLE_LABELS[l.role].padEnd(width)}  ${l.serves ? `${l.email.padEnd(emailWidth)}  serves ${l.serves}` : l.email}`;
	return ['Demo logins (password for all: ' + DEMO_PASSWORD + '):', ...logins.map(line)].join('\n');
}
