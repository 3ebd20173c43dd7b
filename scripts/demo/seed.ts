import type { Db } from '../../src/lib/server/db';
import { loadDemoLa } from './la';
import { createDemoUsers, DEMO_PASSWORD, type DemoLogin } from './users';
import { ROLE_LABELS } from '../../src/lib/domain/roles';

/** True when nobody has been set up yet: the only time the demo LA is loaded. */
export async function isEmpty(db: Db): Promise<boolean> {
	const user = await db.selectFrom('users').select('id').limit(1).executeTakeFirst();
	const school = await db.selectFrom('schools').select('urn').limit(1).executeTakeFirst();
	return !user && !school;
}

export async function seedDemo(db: Db): Promise<DemoLogin[]> {
	const urns = await loadDemoLa(db);
	return createDemoUsers(db, urns);
}

export function describeLogins(logins: DemoLogin[]): string {
	const width = Math.max(...logins.map((l) => ROLE_LABELS[l.role].length));
	return [
		'Demo logins (password for all: ' + DEMO_PASSWORD + '):',
		...logins.map((l) => `  ${ROLE_LABELS[l.role].padEnd(width)}  ${l.email}`)
	].join('\n');
}
