// Staff who serve some LAs only: another LA's school, its Quality Mark, its summary and its
// engagements are not there for them, exactly as a school that does not exist. Staff who serve
// no LA in particular (every user until an LA is set) see every school, as before.
import { describe, expect, it } from 'vitest';
import { freshDb } from '../helpers/db';
import { addSchool, addUser } from '../helpers/fixtures';
import { createSession, generateSessionToken, validateSessionToken } from '../../src/lib/server/auth/session';
import { openRecord } from '../../src/lib/server/quality-mark/records';
import { seAccess } from '../../src/lib/server/self-evaluation';
import { schoolRef } from '../../src/lib/server/schools';
import { decide } from '../../src/lib/domain/access';
import type { Db } from '../../src/lib/server/db';
import type { SessionUser } from '../../src/lib/server/auth/session';

/** Signs `user` in and back, as each request does: what the app then knows of them. */
async function signedIn(db: Db, user: SessionUser): Promise<SessionUser> {
	const token = generateSessionToken();
	await createSession(db, token, user.id);
	const { user: seen } = await validateSessionToken(db, token);
	return seen!;
}

describe('staff who serve some LAs', () => {
	it('are told nothing of another LA’s school, and everything of their own', async () => {
		const db = await freshDb();
		await addSchool(db, 100850, { la_code: '850', name: 'Hampshire Primary' });
		await addSchool(db, 100936, { la_code: '936', name: 'Surrey Primary' });
		const adviser = await addUser(db, 'lead_adviser');
		await db.insertInto('user_las').values({ user_id: adviser.id, la_code: '936' }).execute();
		const me = await signedIn(db, adviser);
		expect(me.laCodes).toEqual(['936']);

		const hampshire = (await schoolRef(db, 100850))!;
		const surrey = (await schoolRef(db, 100936))!;
		expect(decide(me, 'school.view', hampshire)).toEqual({ allowed: false, status: 404, message: 'Page not found' });
		expect(decide(me, 'school.view', surrey)).toEqual({ allowed: true });
		await expect(openRecord(db, me, 100850, 'basic_skills')).rejects.toMatchObject({ status: 404 });
		expect((await openRecord(db, me, 100936, 'basic_skills')).school.name).toBe('Surrey Primary');
		const row = (urn: number, la_code: string) => ({ urn, name: 'x', link_adviser_id: null, la_code });
		expect(seAccess(me, row(100850, '850'))).toBeNull();
		expect(seAccess(me, row(100936, '936'))).toEqual({ side: 'adviser', canDecide: true, canComment: true });
		expect(decide(me, 'engagement.change', { urn: 100850, laCode: '850', adviserId: adviser.id })).toMatchObject({ status: 404 });
	});

	it('serve every LA when none is set, as every user did before', async () => {
		const db = await freshDb();
		await addSchool(db, 100850, { la_code: '850' });
		await addSchool(db, 100936, { la_code: '936' });
		const me = await signedIn(db, await addUser(db, 'adviser'));
		expect(me.laCodes).toEqual([]);
		for (const urn of [100850, 100936]) expect(decide(me, 'school.view', (await schoolRef(db, urn))!)).toEqual({ allowed: true });
	});
});
