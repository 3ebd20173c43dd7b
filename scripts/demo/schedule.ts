import type { Db } from '../../src/lib/server/db';
import type { SessionUser } from '../../src/lib/server/auth/session';
import { currentCategories } from '../../src/lib/server/analysis';
import {
	addClosure,
	addDaysOff,
	confirmEngagement,
	listAdvisers,
	listEngagements,
	loadCalendar,
	noteFromForm,
	openAfis,
	planningYear,
	planYear,
	saveNote,
	setCapacity,
	today
} from '../../src/lib/server/schedule';
import { workingDays } from '../../src/lib/domain/calendar/working-days';
import { academicYearBounds } from '../../src/lib/domain/calendar/half-terms';
import { seededRandom, pick } from './random';

/** Days a week for school work per demo adviser: part-time for schools, the rest on other duties. */
const CAPACITY: Record<string, number> = {
	'adviser@westmoor.example.org': 3.5,
	'carys.evans@westmoor.example.org': 4,
	'imran.iqbal@westmoor.example.org': 3,
	'lead.adviser@westmoor.example.org': 2
};

const AFIS = [
	'Raise attainment in writing at the expected standard in Year 6',
	'Close the gap for disadvantaged pupils in reading',
	'Make sure subject leaders check the impact of the maths curriculum',
	'Improve attendance of pupils with SEND',
	'Strengthen governors’ challenge on pupil outcomes'
];

export interface DemoScheduleSummary {
	year: number | null;
	engagements: number;
	completed: number;
	overdue: number;
}

async function sessionUser(db: Db, id: number): Promise<SessionUser> {
	const u = await db.selectFrom('users').select(['id', 'email', 'name', 'role']).where('id', '=', id).executeTakeFirstOrThrow();
	return { ...u, schoolUrns: [] };
}

/**
 * The demo's schedule: adviser capacity and a few days off, an LA closure day, and the year after
 * the latest KS2 results planned as at 1 September. Work dated before `today` is done (published
 * notes of visit, with areas for improvement rated at later visits), except each adviser's most
 * recent one or two, which are left overdue to show "needs attention". The next two weeks are
 * confirmed. Call it after the demo users exist and the demo analysis has agreed categories
 * (runDemoAnalysis): schools still waiting for agreement are not planned, and with none agreed
 * only the capacity, days off and closure day are set. Deterministic for a given `today`.
 */
export async function seedDemoSchedule(db: Db, options: { today?: string } = {}): Promise<DemoScheduleSummary> {
	const now = options.today ?? today();
	const random = seededRandom(20260901);
	const advisers = await listAdvisers(db);
	const year = await planningYear(db);
	// Each adviser's capacity as set before the year began, so it holds for the whole year.
	const capacityFrom = year === null ? now : academicYearBounds(year).start;
	for (const a of advisers) if (CAPACITY[a.email] !== undefined) await setCapacity(db, null, a.id, String(CAPACITY[a.email]), capacityFrom);

	if (year === null) return { year: null, engagements: 0, completed: 0, overdue: 0 };
	const { calendar } = await loadCalendar(db, year);
	const days = workingDays(calendar);
	// A training day the LA closes for, and a week of leave for one adviser.
	const training = days.filter((d) => d.halfTerm === 'spring_1')[12]?.date;
	if (training) await addClosure(db, null, training, 'LA staff training day');
	const carys = advisers.find((a) => a.email === 'carys.evans@westmoor.example.org');
	const leave = days.filter((d) => d.halfTerm === 'summer_1').slice(10, 15);
	if (carys && leave.length > 0) await addDaysOff(db, null, carys.id, { from: leave[0].date, to: leave[leave.length - 1].date, reason: 'Annual leave' });

	if ((await currentCategories(db, year - 1)).size === 0) return { year, engagements: 0, completed: 0, overdue: 0 };

	const yearStart = academicYearBounds(year).start;
	await planYear(db, null, year, yearStart);
	const engagements = await listEngagements(db, { year, live: true });
	const past = engagements.filter((e) => e.date < now);
	// Each adviser's latest one or two past engagements stay overdue.
	const overdue = new Set<number>();
	for (const a of advisers) {
		const theirs = past.filter((e) => e.adviserId === a.id);
		for (const e of theirs.slice(-(1 + Math.floor(random() * 2)))) overdue.add(e.id);
	}
	const users = new Map<number, SessionUser>();
	let completed = 0;
	for (const e of past) {
		if (overdue.has(e.id)) continue;
		const user = users.get(e.adviserId) ?? (await sessionUser(db, e.adviserId));
		users.set(e.adviserId, user);
		const afis = await openAfis(db, e.urn, e.id);
		const form = new FormData();
		form.set('visit-date', e.date);
		form.set('purpose', `${e.label} as planned for the school’s support category.`);
		form.set(
			'evidence',
			pick(random, [
				'Lesson visits in Years 5 and 6, pupils’ books and the latest assessment data.',
				'Discussion with the headteacher and the English lead; the school’s tracking of pupils’ progress.',
				'Learning walk with the deputy headteacher; a sample of maths books across Key Stage 2.'
			])
		);
		form.set(
			'strengths',
			pick(random, [
				'Leaders know the school well and act quickly.',
				'Pupils behave well and are keen to learn.',
				'Phonics is taught consistently well in Key Stage 1.'
			])
		);
		for (const afi of afis) {
			form.set(`afi-${afi.id}-rating`, pick(random, ['red', 'amber', 'amber', 'green']));
			form.set(`afi-${afi.id}-comment`, 'Discussed with the headteacher at this visit.');
		}
		if (e.activity === 'initial_visit' || (e.activity === 'desktop_analysis' && e.category !== 'secure_plus' && e.category !== 'secure')) {
			form.set('new-afis', [pick(random, AFIS), pick(random, AFIS)].filter((v, i, all) => all.indexOf(v) === i).join('\n'));
		}
		form.set('action-rows', '1');
		form.set('action-0-text', 'Share the updated improvement plan with the adviser');
		form.set('action-0-owner', 'Headteacher');
		form.set('action-0-due', days.find((d) => d.date > e.date && d.date >= now)?.date ?? e.date);
		await saveNote(
			db,
			user,
			e.id,
			noteFromForm(
				form,
				afis.map((a) => a.id)
			),
			'publish',
			now
		);
		completed++;
	}
	// The next fortnight's dates are agreed with the schools.
	const fortnight = days
		.filter((d) => d.date >= now)
		.slice(0, 10)
		.map((d) => d.date);
	for (const e of engagements.filter((x) => fortnight.includes(x.date))) {
		await confirmEngagement(db, users.get(e.adviserId) ?? (await sessionUser(db, e.adviserId)), e.id);
	}
	return { year, engagements: engagements.length, completed, overdue: overdue.size };
}
