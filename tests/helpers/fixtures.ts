import type { Db } from '../../src/lib/server/db';
import type { SessionUser } from '../../src/lib/server/auth/session';
import { createUser } from '../../src/lib/server/users';
import { nowIso } from '../../src/lib/server/clock';
import type { Role } from '../../src/lib/domain/roles';

/** A register row with only what a test needs; everything else null. */
export async function addSchool(db: Db, urn: number, values: { name?: string; link_adviser_id?: number | null; la_code?: string } = {}) {
	await db
		.insertInto('schools')
		.values({
			urn,
			name: values.name ?? `School ${urn}`,
			la_code: values.la_code ?? '999',
			la_name: 'Test LA',
			establishment_number: null,
			type: 'Community school',
			phase: 'Primary',
			status: 'Open',
			age_low: 4,
			age_high: 11,
			head_name: null,
			street: null,
			locality: null,
			town: null,
			postcode: null,
			easting: null,
			northing: null,
			ofsted_rating: null,
			ofsted_date: null,
			link_adviser_id: values.link_adviser_id ?? null,
			created_at: nowIso(),
			updated_at: nowIso()
		})
		.execute();
}

let counter = 0;

/** A real user account, returned in the shape the guard hands to server code. */
export async function addUser(db: Db, role: Role, schoolUrns: number[] = []): Promise<SessionUser> {
	counter += 1;
	const email = `${role}${counter}@example.org`;
	const name = `${role.replace('_', ' ')} ${counter}`;
	const u = await createUser(db, { email, name, role, schoolUrns, password: 'a long enough password' }, null);
	return { id: u.id, email, name, role, schoolUrns };
}
