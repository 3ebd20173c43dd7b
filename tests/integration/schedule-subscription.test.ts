import ICAL from 'ical.js';
import { describe, expect, it } from 'vitest';
import { freshDb } from '../helpers/db';
import { resetPassword, setUserDisabled } from '../../src/lib/server/users';
import { BEFORE_YEAR, scheduleWorld } from './schedule-fixtures';
import { listEngagements, newSubscription, planYear, revokeSubscription, subscribedCalendar, subscriptionMadeAt } from '../../src/lib/server/schedule';

const ORIGIN = 'https://triage.example';

function uids(ics: string | null): string[] {
	expect(ics).not.toBeNull();
	return new ICAL.Component(ICAL.parse(ics!)).getAllSubcomponents('vevent').map((v) => String(v.getFirstPropertyValue('uid')));
}

describe('a private calendar subscription', () => {
	it('serves the adviser’s own engagements without a session, as busy time, until replaced or stopped', async () => {
		const db = await freshDb();
		const w = await scheduleWorld(db);
		await planYear(db, w.admin.id, w.year, BEFORE_YEAR);
		const mine = await listEngagements(db, { adviserId: w.adviserA.id });

		const token = await newSubscription(db, w.adviserA);
		expect(token).toMatch(/^[a-z2-7]{32}$/);
		expect(await subscriptionMadeAt(db, w.adviserA.id)).not.toBeNull();
		const ics = await subscribedCalendar(db, token, ORIGIN);
		expect(uids(ics).sort()).toEqual(mine.map((e) => `engagement-${e.id}@triage`).sort());
		expect(ics).toContain('TRANSP:OPAQUE');
		// Only the hash is stored.
		const stored = await db.selectFrom('calendar_subscriptions').selectAll().execute();
		expect(JSON.stringify(stored)).not.toContain(token);

		const again = await newSubscription(db, w.adviserA);
		expect(await subscribedCalendar(db, token, ORIGIN)).toBeNull();
		expect(await subscribedCalendar(db, again, ORIGIN)).not.toBeNull();
		await revokeSubscription(db, w.adviserA);
		expect(await subscribedCalendar(db, again, ORIGIN)).toBeNull();
		expect(await subscriptionMadeAt(db, w.adviserA.id)).toBeNull();
		expect(await subscribedCalendar(db, 'a'.repeat(32), ORIGIN)).toBeNull();
	});

	it('stops working when the account is disabled, and gives a headteacher only their school’s visits', async () => {
		const db = await freshDb();
		const w = await scheduleWorld(db);
		await planYear(db, w.admin.id, w.year, BEFORE_YEAR);
		const headToken = await newSubscription(db, w.head);
		const ics = await subscribedCalendar(db, headToken, ORIGIN);
		const theirs = await listEngagements(db, { urn: w.urns.focus });
		expect(uids(ics).sort()).toEqual(theirs.map((e) => `engagement-${e.id}@triage`).sort());
		expect(ics).not.toContain('Support category');

		const adviserToken = await newSubscription(db, w.adviserB);
		await db.updateTable('users').set({ disabled_at: '2026-12-01T09:00:00Z' }).where('id', '=', w.adviserB.id).execute();
		expect(await subscribedCalendar(db, adviserToken, ORIGIN)).toBeNull();
	});

	it('is ended when the account is disabled (enabled again, the old address does not come back) or given a new password', async () => {
		const db = await freshDb();
		const w = await scheduleWorld(db);
		const token = await newSubscription(db, w.adviserB);
		await setUserDisabled(db, w.adviserB.id, true, w.admin.id);
		await setUserDisabled(db, w.adviserB.id, false, w.admin.id);
		expect(await subscribedCalendar(db, token, ORIGIN)).toBeNull();
		expect(await subscriptionMadeAt(db, w.adviserB.id)).toBeNull();
		// Someone who had the account could have made an address: a new password ends it.
		const made = await newSubscription(db, w.adviserA);
		await resetPassword(db, w.adviserA.id, 'a brand new password', w.admin.id);
		expect(await subscribedCalendar(db, made, ORIGIN)).toBeNull();
	});
});
