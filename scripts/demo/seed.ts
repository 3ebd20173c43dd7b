import type { Db } from '../../src/lib/server/db';
import { loadDemoLa } from './la';
import { runDemoAnalysis } from './analysis';
import { seedDemoQualityMarks } from './quality-marks';
import { seedDemoSchedule } from './schedule';
import { DEMO_YEARS } from './dfe-files';
import { createDemoUsers, DEMO_PASSWORD, type DemoLogin } from './users';
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

/** The whole demo: register and results through the importer, accounts, and two years of analysis. `schools` sizes the LA (120 by default). */
export async function seedDemo(db: Db, options: { schools?: number } = {}): Promise<DemoLogin[]> {
	const urns = await loadDemoLa(db, options.schools);
	const logins = await createDemoUsers(db, urns);
	const analystId = await userId(db, logins.find((l) => l.role === 'analyst')!.email);
	const leadId = await userId(db, logins.find((l) => l.role === 'lead_adviser')!.email);
	const [lastYear, thisYear] = DEMO_YEARS.slice(-2);
	await runDemoAnalysis(db, { analystId, leadId }, [lastYear, thisYear]);
	await seedDemoQualityMarks(db, urns);
	await seedDemoSchedule(db);
	return logins;
}

export function describeLogins(logins: DemoLogin[]): string {
	const width = Math.max(...logins.map((l) => ROLE_LABELS[l.role].length));
	return ['Demo logins (password for all: ' + DEMO_PASSWORD + '):', ...logins.map((l) => `  ${ROLE_LABELS[l.role].padEnd(width)}  ${l.email}`)].join('\n');
}
