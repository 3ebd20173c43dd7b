import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ICAL from 'ical.js';
import { afterEach, describe, expect, it } from 'vitest';
import { freshDb } from '../helpers/db';
import { triage } from '../helpers/cli';
import { createDb } from '../../src/lib/server/db/connection';
import { migrateToLatest } from '../../src/lib/server/db/migrate';
import { nowIso, setClock } from '../../src/lib/server/clock';
import type { Db } from '../../src/lib/server/db';
import { BEFORE_YEAR, scheduleWorld } from './schedule-fixtures';
import { adviserFeed, cancelEngagement, confirmEngagement, engagementsCalendar, listEngagements, planYear, schoolFeed } from '../../src/lib/server/schedule';

/** Parses an ICS file with ical.js, failing on anything RFC 5545 parsers reject, into plain events. */
function parseIcs(text: string) {
	const calendar = new ICAL.Component(ICAL.parse(text));
	expect(calendar.name).toBe('vcalendar');
	expect(calendar.getFirstPropertyValue('version')).toBe('2.0');
	expect(calendar.getFirstPropertyValue('method')).toBe('PUBLISH');
	return calendar.getAllSubcomponents('vevent').map((v) => {
		const event = new ICAL.Event(v);
		return {
			uid: event.uid,
			summary: event.summary,
			start: event.startDate.toString(),
			end: event.endDate.toString(),
			allDay: event.startDate.isDate,
			status: String(v.getFirstPropertyValue('status')),
			sequence: event.sequence,
			description: event.description
		};
	});
}

const dirs: string[] = [];
afterEach(() => {
	for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

describe('calendar feeds (ICS)', () => {
	it('an adviser’s feed holds each of their engagements as an all-day event that ical.js reads back', async () => {
		const db = await freshDb();
		const w = await scheduleWorld(db);
		await planYear(db, w.admin.id, w.year, BEFORE_YEAR);
		const mine = await listEngagements(db, { adviserId: w.adviserA.id });
		await confirmEngagement(db, w.adviserA, mine[1].id);
		await cancelEngagement(db, w.adviserA, mine[2].id, 'School closed for snow');

		const events = parseIcs(await adviserFeed(db, { id: w.adviserA.id, name: w.adviserA.name }, 'https://triage.example'));
		expect(events).toHaveLength(mine.length);
		const first = events.find((e) => e.uid === `engagement-${mine[0].id}@triage`)!;
		expect(first).toMatchObject({ summary: `${mine[0].label}: ${mine[0].schoolName}`, start: mine[0].date, allDay: true, status: 'TENTATIVE' });
		const next = new Date(`${mine[0].date}T12:00:00Z`);
		next.setUTCDate(next.getUTCDate() + 1);
		expect(first.end).toBe(next.toISOString().slice(0, 10));
		expect(events.find((e) => e.uid === `engagement-${mine[1].id}@triage`)!.status).toBe('CONFIRMED');
		expect(events.find((e) => e.uid === `engagement-${mine[2].id}@triage`)!.status).toBe('CANCELLED');
		expect(new Set(events.map((e) => e.uid)).size).toBe(events.length);
	});

	it('says so in the title of a cancelled event, and numbers each change so calendars take the new date', async () => {
		const db = await freshDb();
		const w = await scheduleWorld(db);
		await planYear(db, w.admin.id, w.year, BEFORE_YEAR);
		const [kept, dropped] = await listEngagements(db, { adviserId: w.adviserA.id });
		const feed = async () => parseIcs(await adviserFeed(db, { id: w.adviserA.id, name: w.adviserA.name }, 'https://triage.example'));
		const before = (await feed()).find((e) => e.uid === `engagement-${dropped.id}@triage`)!;
		expect(before.sequence).toBe(0);
		// An hour later the visit is cancelled: Outlook shows STATUS:CANCELLED events as they were, so the title says it.
		setClock(new Date(Date.now() + 3600_000));
		try {
			await cancelEngagement(db, w.adviserA, dropped.id, 'School closed for snow');
		} finally {
			setClock(null);
		}
		const events = await feed();
		const cancelled = events.find((e) => e.uid === `engagement-${dropped.id}@triage`)!;
		expect(cancelled).toMatchObject({ summary: `Cancelled: ${dropped.label}: ${dropped.schoolName}`, status: 'CANCELLED' });
		expect(cancelled.sequence).toBeGreaterThan(before.sequence);
		expect(events.find((e) => e.uid === `engagement-${kept.id}@triage`)!.summary).toBe(`${kept.label}: ${kept.schoolName}`);
	});

	it('ends an all-day event the next day whatever the server’s time zone, on the day the clocks go forward too', () => {
		const zone = process.env.TZ;
		process.env.TZ = 'Europe/London';
		try {
			const event = {
				uid: 'x@triage',
				date: '2026-03-29',
				label: 'Visit',
				urn: 1,
				schoolName: 'Oak',
				adviserName: 'Ada',
				category: null,
				days: 1,
				mode: 'on_site',
				status: 'planned',
				url: null
			} as const;
			const [parsed] = parseIcs(engagementsCalendar('Test', [event], { forSchool: false }));
			expect([parsed.start, parsed.end]).toEqual(['2026-03-29', '2026-03-30']);
		} finally {
			if (zone === undefined) delete process.env.TZ;
			else process.env.TZ = zone;
		}
	});

	it('escapes a calendar name, so a school name with line breaks cannot add events or properties', async () => {
		const db = await freshDb();
		const w = await scheduleWorld(db);
		await planYear(db, w.admin.id, w.year, BEFORE_YEAR);
		const mine = await listEngagements(db, { adviserId: w.adviserA.id });
		const hostile = 'Oak "\r\nBEGIN:VEVENT\r\nUID:injected\r\nSUMMARY:Fake visit\r\nEND:VEVENT\r\nX-A:; Primary, School';
		const text = await schoolFeed(db, { urn: mine[0].urn, name: hostile }, 'https://triage.example');
		const calendar = new ICAL.Component(ICAL.parse(text));
		// ical.js leaves these two properties as written; undo RFC 5545 text escaping to read them.
		const unescaped = (name: string) =>
			String(calendar.getFirstPropertyValue(name)).replace(/\\([\\;,nN])/g, (_, c: string) => (c.toLowerCase() === 'n' ? '\n' : c));
		expect(unescaped('x-wr-calname')).toBe(`Triage: ${hostile.replace(/\r\n/g, '\n')}`);
		expect(unescaped('name')).toBe(`Triage: ${hostile.replace(/\r\n/g, '\n')}`);
		expect(calendar.getFirstPropertyValue('x-a')).toBeNull();
		const events = parseIcs(text);
		expect(events.map((e) => e.uid)).not.toContain('injected');
		expect(events).toHaveLength((await listEngagements(db, { urn: mine[0].urn })).length);
	});

	it('a school’s feed holds only that school’s engagements, without the LA’s internal details', async () => {
		const db = await freshDb();
		const w = await scheduleWorld(db);
		await planYear(db, w.admin.id, w.year, BEFORE_YEAR);
		const events = parseIcs(await schoolFeed(db, { urn: w.urns.focus, name: 'Ashgrove Primary' }, 'https://triage.example'));
		const focus = await listEngagements(db, { urn: w.urns.focus });
		expect(events.map((e) => e.uid).sort()).toEqual(focus.map((e) => `engagement-${e.id}@triage`).sort());
		expect(events.every((e) => e.description.includes('Ashgrove Primary') && !e.description.includes('Support category'))).toBe(true);
	});
});

async function cliDatabase(): Promise<{ path: string; db: Db }> {
	const dir = mkdtempSync(join(tmpdir(), 'triage-cli-'));
	dirs.push(dir);
	const path = join(dir, 'cli.sqlite');
	const db = createDb(path);
	await migrateToLatest(db);
	return { path, db };
}

/** KS2 results for 2025/26, so the default planning year is 2026/27. */
async function addKs2Year(db: Db, urn: number, year: number) {
	const imp = await db
		.insertInto('imports')
		.values({
			format: 'ks2',
			file_name: 'f.csv',
			sha256: 'x',
			size_bytes: 1,
			year,
			version: 'final',
			la_codes: '999',
			user_id: null,
			imported_at: nowIso(),
			rows_read: 1,
			schools_added: 0,
			schools_updated: 0,
			records_stored: 1,
			report_json: '{}',
			rolled_back_at: null,
			rolled_back_by: null
		})
		.returning('id')
		.executeTakeFirstOrThrow();
	await db
		.insertInto('ks2_results')
		.values({ urn, year, la_code: '999', record_type: 1, import_id: imp.id } as never)
		.execute();
}

describe('npm run triage -- schedule', () => {
	it('prints the stored plan as JSON, for the year after the latest KS2 results by default', async () => {
		const { path, db } = await cliDatabase();
		const w = await scheduleWorld(db);
		await addKs2Year(db, w.urns.focus, 2026);
		await planYear(db, w.admin.id, w.year, BEFORE_YEAR);
		const stored = await listEngagements(db, { year: w.year });
		await db.destroy();

		const result = triage(['schedule'], { databaseUrl: path });
		expect(result.stderr).toBe('');
		expect(result.status).toBe(0);
		const plan = JSON.parse(result.stdout);
		expect(plan).toMatchObject({ year: 2027, schoolYear: '2026/27', stored: true, unplaced: [], shortfalls: [] });
		expect(plan.engagements.map((e: { id: string }) => e.id).sort()).toEqual(stored.map((e) => e.planKey).sort());
		expect(plan.engagements[0]).toEqual({
			id: stored[0].planKey,
			urn: stored[0].urn,
			school: stored[0].schoolName,
			adviserId: stored[0].adviserId,
			adviser: stored[0].adviserName,
			date: stored[0].date,
			halfTerm: stored[0].halfTerm,
			category: stored[0].category,
			activity: stored[0].activity,
			label: stored[0].label,
			mode: stored[0].mode,
			days: stored[0].days,
			sequence: stored[0].sequence,
			status: 'planned'
		});
	});

	it('prints an ICS calendar with --format ics, planning a year not yet stored without storing it', async () => {
		const { path, db } = await cliDatabase();
		await scheduleWorld(db);
		await db.destroy();

		const result = triage(['schedule', '--year', '2026-27', '--format', 'ics'], { databaseUrl: path });
		expect(result.status).toBe(0);
		expect(result.stderr).toBe(
			'2026/27 has not been planned in Triage yet: this is the plan its agreed categories give, not stored.\n' +
				'Its events are a preview: once the year is planned in Triage its engagements are new events, so do not import this file into a calendar you will keep.\n'
		);
		const events = parseIcs(result.stdout);
		expect(events).toHaveLength(32);
		expect(events.every((e) => e.allDay && e.start >= '2026-09-01' && e.start <= '2027-08-31')).toBe(true);
		const check = createDb(path);
		expect(await check.selectFrom('engagements').selectAll().execute()).toEqual([]);
		await check.destroy();
	});

	it('prints one LA’s part of the plan with --la, and every LA the installation serves without it', async () => {
		const { path, db } = await cliDatabase();
		const w = await scheduleWorld(db);
		const hampshire = [w.urns.focus, w.urns.secure];
		await db.updateTable('schools').set({ la_code: '936' }).execute();
		await db.updateTable('schools').set({ la_code: '850' }).where('urn', 'in', hampshire).execute();
		await planYear(db, w.admin.id, w.year, BEFORE_YEAR);
		await db.destroy();

		const urnsOf = (out: { stdout: string }) => new Set((JSON.parse(out.stdout) as { engagements: { urn: number }[] }).engagements.map((e) => e.urn));
		expect(urnsOf(triage(['schedule', '--year', '2026-27', '--la', '850'], { databaseUrl: path }))).toEqual(new Set(hampshire));
		expect(urnsOf(triage(['schedule', '--year', '2026-27'], { databaseUrl: path })).size).toBe(6);
		const ics = triage(['schedule', '--year', '2026-27', '--la', '936', '--format', 'ics'], { databaseUrl: path });
		expect(ics.status).toBe(0);
		expect(parseIcs(ics.stdout).length).toBeGreaterThan(0);
		expect(ics.stdout).not.toContain('Ashgrove Primary');
		const bad = triage(['schedule', '--la', 'Hampshire'], { databaseUrl: path });
		expect([bad.status, bad.stderr.split('\n')[0]]).toEqual([1, '--la must be an LA code of three digits, such as 850, not "Hampshire".']);
	});

	it('fails with a plain message for a bad format, a bad year, or a year with nothing to plan', async () => {
		const { path, db } = await cliDatabase();
		await db.destroy();
		const format = triage(['schedule', '--format', 'csv'], { databaseUrl: path });
		expect([format.status, format.stderr.split('\n')[0]]).toEqual([1, '--format must be json or ics, not "csv".']);
		const year = triage(['schedule', '--year', 'next'], { databaseUrl: path });
		expect([year.status, year.stderr.split('\n')[0]]).toEqual([1, '--year must be a school year like 2026-27, not "next".']);
		const none = triage(['schedule'], { databaseUrl: path });
		expect([none.status, none.stderr.trim()]).toEqual([1, 'There are no KS2 results yet, so there is no year to plan. Import a KS2 file, or give --year.']);
		const empty = triage(['schedule', '--year', '2026-27'], { databaseUrl: path });
		expect([empty.status, empty.stderr.trim()]).toEqual([
			1,
			'2026/27 has not been planned, and no school has an agreed category for it yet (from the 2025/26 results).'
		]);
	});
});
