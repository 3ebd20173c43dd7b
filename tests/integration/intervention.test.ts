import { describe, expect, it } from 'vitest';
import { freshDb } from '../helpers/db';
import { smallLa, URNS } from './analysis-fixtures';
import { addInspection, schoolsWithStatuses } from './intervention-fixtures';
import type { SessionUser } from '../../src/lib/server/auth/session';
import { runAnalysis } from '../../src/lib/server/analysis';
import { countStatuses, interventionStatuses, schoolIntervention, urnsWithStatus } from '../../src/lib/server/intervention';
import { mySchools, schoolProfile, type StaffSchoolProfile } from '../../src/lib/server/school-profile';

const TODAY = '2026-11-22';

async function world() {
	const db = await freshDb();
	const people = await smallLa(db);
	const ids = await schoolsWithStatuses(db);
	return { db, ids, ...people };
}

describe('DfE intervention status from the register', () => {
	it('gives each school its status as of today, with the sentence and the entries it rests on', async () => {
		const { db, ids } = await world();
		const statuses = await interventionStatuses(db, TODAY);
		expect([...statuses.keys()].sort()).toEqual([URNS.intensive, URNS.secure, URNS.focus].sort());
		expect(statuses.get(URNS.intensive)).toEqual({
			status: 'requires_significant_improvement',
			sentence: "Ofsted's report card of 10 February 2026 graded Achievement as Urgent improvement.",
			restsOn: [ids.ashdown]
		});
		expect(statuses.get(URNS.focus)).toEqual({
			status: 'special_measures',
			sentence: "Ofsted's report card of 5 March 2026 graded Leadership and governance as Urgent improvement.",
			restsOn: [ids.elm]
		});
		expect(statuses.get(URNS.secure)).toEqual({
			status: 'rise_targeted',
			sentence:
				"Ofsted's graded inspection on 15 May 2024 judged the school Requires improvement, and before that Ofsted's graded inspection on 10 June 2021 judged the school Requires improvement.",
			restsOn: [ids.birchwood[1], ids.birchwood[0]]
		});
	});

	it('reads the register as it stood on the day: a later inspection, or one withdrawn by then, does not count', async () => {
		const { db } = await world();
		// Before Birchwood's second Requires improvement, and before either report card.
		expect([...(await interventionStatuses(db, '2024-01-01')).keys()]).toEqual([]);
		// A report card with safeguarding not met, withdrawn (ended) in June.
		await addInspection(db, URNS.lightTouch, {
			type: 'ofsted_report_card',
			date: '2026-04-01',
			areas: [{ area: 'Inclusion', grade: 'expected_standard' }],
			safeguardingMet: false,
			endDate: '2026-06-01'
		});
		expect(await schoolIntervention(db, URNS.lightTouch, '2026-05-01')).toMatchObject({
			status: 'requires_significant_improvement',
			sentence: "Ofsted's report card of 1 April 2026 found safeguarding not met."
		});
		expect(await schoolIntervention(db, URNS.lightTouch, TODAY)).toBeNull();
	});

	it('follows a new inspection at once: a Good report card lifts special measures', async () => {
		const { db } = await world();
		expect((await schoolIntervention(db, URNS.focus, TODAY))?.status).toBe('special_measures');
		await addInspection(db, URNS.focus, {
			type: 'ofsted_report_card',
			date: '2026-11-02',
			areas: [{ area: 'Leadership and governance', grade: 'expected_standard' }]
		});
		expect(await schoolIntervention(db, URNS.focus, TODAY)).toBeNull();
	});

	it('reads only the schools asked about', async () => {
		const { db } = await world();
		expect([...(await interventionStatuses(db, TODAY, [URNS.secure, URNS.lightTouch, URNS.securePlus])).keys()]).toEqual([URNS.secure]);
		expect((await interventionStatuses(db, TODAY, [])).size).toBe(0);
	});

	it('counts the schools in each status and lists them', async () => {
		const { db } = await world();
		const statuses = await interventionStatuses(db, TODAY);
		expect(countStatuses(statuses)).toEqual({ special_measures: 1, requires_significant_improvement: 1, rise_targeted: 1 });
		expect(countStatuses(new Map())).toEqual({ special_measures: 0, requires_significant_improvement: 0, rise_targeted: 0 });
		expect(urnsWithStatus(statuses, 'rise_targeted')).toEqual([URNS.secure]);
	});
});

describe('DfE intervention status on a school’s page', () => {
	it('sits beside the category for staff and for the school’s own headteacher, and never changes the category', async () => {
		const db = await freshDb();
		const { analyst, lead, head } = await smallLa(db);
		await runAnalysis(db, { year: 2019, userId: analyst.id, today: '2019-10-01' });
		await schoolsWithStatuses(db);
		const leadUser: SessionUser = { id: lead.id, email: 'l@example.org', name: lead.name, role: 'lead_adviser', schoolUrns: [] };
		const staff = (await schoolProfile(db, leadUser, URNS.secure, TODAY)) as StaffSchoolProfile;
		expect(staff.intervention).toMatchObject({ status: 'rise_targeted' });
		expect(staff.analysis.category?.state.category).toBe('secure');
		expect((await schoolProfile(db, leadUser, URNS.securePlus, TODAY))?.intervention).toBeNull();

		const headUser: SessionUser = { id: head.id, email: 'h@example.org', name: head.name, role: 'headteacher', schoolUrns: [URNS.focus] };
		const [own] = await mySchools(db, headUser, TODAY);
		expect(own.school.urn).toBe(URNS.focus);
		expect(own.intervention).toEqual({
			status: 'special_measures',
			sentence: "Ofsted's report card of 5 March 2026 graded Leadership and governance as Urgent improvement.",
			restsOn: [expect.any(String)]
		});
	});
});
