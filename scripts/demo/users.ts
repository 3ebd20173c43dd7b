import type { Db } from '../../src/lib/server/db';
import { createUser } from '../../src/lib/server/users';
import type { Role } from '../../src/lib/domain/roles';
import type { DemoLa } from './schools';

/** Every demo account shares this password. A real install makes its first admin with `user add`. */
export const DEMO_PASSWORD = 'triage-demo-2026';

export interface DemoLogin {
	email: string;
	role: Role;
	name: string;
	/** The LAs the login serves, in words, where the demo has more than one. */
	serves?: string;
}

const STAFF: DemoLogin[] = [
	{ email: 'admin@westmoor.example.org', role: 'admin', name: 'Sam Okafor' },
	{ email: 'analyst@westmoor.example.org', role: 'analyst', name: 'Priya Shah' },
	{ email: 'lead.adviser@westmoor.example.org', role: 'lead_adviser', name: 'Helen Morgan' },
	{ email: 'adviser@westmoor.example.org', role: 'adviser', name: 'Tom Fletcher' },
	{ email: 'carys.evans@westmoor.example.org', role: 'adviser', name: 'Carys Evans' },
	{ email: 'imran.iqbal@westmoor.example.org', role: 'adviser', name: 'Imran Iqbal' }
];

/** Makes the advisers link adviser of the schools in turn. */
async function shareOut(db: Db, schoolUrns: readonly number[], adviserIds: readonly number[]): Promise<void> {
	for (const [i, urn] of schoolUrns.entries()) {
		await db
			.updateTable('schools')
			.set({ link_adviser_id: adviserIds[i % adviserIds.length] })
			.where('urn', '=', urn)
			.execute();
	}
}

/** The first login of each role: the ones to print. */
const onePerRole = (logins: readonly DemoLogin[]) => logins.filter((s, i) => logins.findIndex((t) => t.role === s.role) === i);

/**
 * Creates one account per role (and a few more advisers, so there is a team to plan for),
 * shares the schools out between the advisers as link adviser, and links the headteacher
 * to the first school. Returns the logins to print, one per role. With `la`, in a demo of several
 * LAs, everyone but the admin serves that LA only; the admin, the first, serves every LA.
 */
export async function createDemoUsers(db: Db, schoolUrns: number[], la?: DemoLa): Promise<DemoLogin[]> {
	const ids: Record<string, number> = {};
	for (const s of STAFF) {
		const laCodes = la && s.role !== 'admin' ? [la.code] : [];
		const u = await createUser(db, { ...s, schoolUrns: [], laCodes, password: DEMO_PASSWORD }, null);
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

	await shareOut(
		db,
		schoolUrns,
		STAFF.filter((s) => s.role === 'adviser' || s.role === 'lead_adviser').map((s) => ids[s.email])
	);
	// The demo adviser is the demo headteacher's link adviser, so the two logins work together.
	await db.updateTable('schools').set({ link_adviser_id: ids['adviser@westmoor.example.org'] }).where('urn', '=', headUrn).execute();
	const logins = [...onePerRole(STAFF), headLogin];
	return la ? logins.map((l) => ({ ...l, serves: l.role === 'admin' ? 'every LA' : l.role === 'headteacher' ? undefined : laWords(la) })) : logins;
}

const laWords = (la: DemoLa) => `${la.name} (${la.code})`;

/** The advisers of the demo's second LA, who serve it only. */
const SECOND_LA_STAFF: DemoLogin[] = [
	{ email: 'lead.adviser@eastbrook.example.org', role: 'lead_adviser', name: 'Nadia Walsh' },
	{ email: 'adviser@eastbrook.example.org', role: 'adviser', name: 'Owen Hughes' },
	{ email: 'farah.khan@eastbrook.example.org', role: 'adviser', name: 'Farah Khan' }
];

/** The regional login of a demo of several LAs: it serves them all, and reads without changing anything. */
export const REGIONAL_LOGIN: DemoLogin = { email: 'regional@westmoor.example.org', role: 'regional', name: 'Rhys Pritchard' };

/**
 * A second LA's team: a lead adviser and two advisers who serve that LA only, its schools shared out
 * between them as link adviser. Returns the logins to print.
 */
export async function createSecondLaUsers(db: Db, la: DemoLa, schoolUrns: number[]): Promise<DemoLogin[]> {
	const ids: number[] = [];
	for (const s of SECOND_LA_STAFF) ids.push((await createUser(db, { ...s, schoolUrns: [], laCodes: [la.code], password: DEMO_PASSWORD }, null)).id);
	await shareOut(db, schoolUrns, ids);
	return onePerRole(SECOND_LA_STAFF).map((l) => ({ ...l, serves: laWords(la) }));
}

/** The regional login, serving `las`. */
export async function createRegionalUser(db: Db, las: readonly DemoLa[]): Promise<DemoLogin> {
	await createUser(db, { ...REGIONAL_LOGIN, schoolUrns: [], laCodes: las.map((la) => la.code), password: DEMO_PASSWORD }, null);
	return { ...REGIONAL_LOGIN, serves: las.map(laWords).join(' and ') };
}
