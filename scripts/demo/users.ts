import type { Db } from '../../src/lib/server/db';
import { createUser } from '../../src/lib/server/users';
import type { Role } from '../../src/lib/domain/roles';

/** Every demo account shares this password. A real install makes its first admin with `user add`. */
export const DEMO_PASSWORD = 'triage-demo-2026';

export interface DemoLogin {
	email: string;
	role: Role;
	name: string;
}

const STAFF: DemoLogin[] = [
	{ email: 'admin@westmoor.example.org', role: 'admin', name: 'Sam Okafor' },
	{ email: 'analyst@westmoor.example.org', role: 'analyst', name: 'Priya Shah' },
	{ email: 'lead.adviser@westmoor.example.org', role: 'lead_adviser', name: 'Helen Morgan' },
	{ email: 'adviser@westmoor.example.org', role: 'adviser', name: 'Tom Fletcher' },
	{ email: 'carys.evans@westmoor.example.org', role: 'adviser', name: 'Carys Evans' },
	{ email: 'imran.iqbal@westmoor.example.org', role: 'adviser', name: 'Imran Iqbal' }
];

/**
 * Creates one account per role (and a few more advisers, so there is a team to plan for),
 * shares the schools out between the advisers as link adviser, and links the headteacher
 * to the first school. Returns the logins to print, one per role.
 */
export async function createDemoUsers(db: Db, schoolUrns: number[]): Promise<DemoLogin[]> {
	const ids: Record<string, number> = {};
	for (const s of STAFF) {
		const u = await createUser(db, { ...s, schoolUrns: [], password: DEMO_PASSWORD }, null);
		ids[s.email] = u.id;
	}
	const headUrn = schoolUrns[30] ?? schoolUrns[0];
	const head = await db.selectFrom('schools').select(['name', 'head_name']).where('urn', '=', headUrn).executeTakeFirstOrThrow();
	const headLogin: DemoLogin = {
		email: 'head@westmoor.example.org',
		role: 'headteacher',
		name: (head.head_name ?? 'Headteacher').replace(/^(Mr|Mrs|Ms|Dr|Miss) /, '')
	};
	await createUser(db, { ...headLogin, schoolUrns: [headUrn], password: DEMO_PASSWORD }, null);

	const advisers = STAFF.filter((s) => s.role === 'adviser' || s.role === 'lead_adviser').map((s) => ids[s.email]);
	for (const [i, urn] of schoolUrns.entries()) {
		await db
			.updateTable('schools')
			.set({ link_adviser_id: advisers[i % advisers.length] })
			.where('urn', '=', urn)
			.execute();
	}
	// The demo adviser is the demo headteacher's link adviser, so the two logins work together.
	await db.updateTable('schools').set({ link_adviser_id: ids['adviser@westmoor.example.org'] }).where('urn', '=', headUrn).execute();
	return [...STAFF.filter((s, i) => STAFF.findIndex((t) => t.role === s.role) === i), headLogin];
}
