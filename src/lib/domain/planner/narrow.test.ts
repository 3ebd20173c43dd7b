import { describe, expect, it } from 'vitest';
import { defaultTermDates } from '../calendar/default-term-dates';
import { DEFAULT_TEMPLATES } from './default-templates';
import { narrowPlan } from './narrow';
import { plan } from './plan';
import type { PlanInput } from './plan-types';

const JANE = 1;
const SAM = 2;
const input: PlanInput = {
	calendar: defaultTermDates(2026),
	closures: [],
	// Sam has too little time, so the plan has shortfalls for him.
	advisers: [
		{ id: JANE, name: 'Jane Smith', daysPerWeek: 3, daysOff: [] },
		{ id: SAM, name: 'Sam Jones', daysPerWeek: 0.1, daysOff: [] }
	],
	schools: [
		{ urn: 100001, name: 'Ash Primary', category: 'focus', linkAdviserId: JANE },
		{ urn: 100002, name: 'Beech Primary', category: 'intensive', linkAdviserId: SAM },
		{ urn: 100003, name: 'Cedar Primary', category: 'intensive', linkAdviserId: SAM },
		{ urn: 100004, name: 'Damson Primary', category: 'secure', linkAdviserId: null }
	],
	templates: DEFAULT_TEMPLATES
};
const result = plan(input);

describe('the part of a plan someone who serves some LAs sees', () => {
	it('keeps everything when nothing is narrowed', () => {
		expect(narrowPlan(input, result, { urns: null, advisers: null })).toEqual({ input, result });
	});

	it.each([
		['Ash and Beech, both advisers', [100001, 100002], [JANE, SAM]],
		['Beech and Cedar, Sam only', [100002, 100003], [SAM]],
		['Damson, nobody', [100004], []]
	])('%s', (_, urns, advisers) => {
		const { input: i, result: r } = narrowPlan(input, result, { urns: new Set(urns), advisers: new Set(advisers) });
		expect(i.schools.map((s) => s.urn)).toEqual(urns);
		expect(i.advisers.map((a) => a.id)).toEqual(advisers);
		expect(new Set(r.engagements.map((e) => e.urn))).toEqual(new Set(result.engagements.filter((e) => urns.includes(e.urn)).map((e) => e.urn)));
		expect(r.unplaced).toEqual(result.unplaced.filter((u) => urns.includes(u.urn)));
		for (const s of r.shortfalls) {
			expect(advisers).toContain(s.adviserId);
			expect(s.urns.length).toBeGreaterThan(0);
			for (const urn of s.urns) expect(urns).toContain(urn);
			// The days are those of the kept schools' work alone.
			const days = r.unplaced.filter((u) => u.cause === 'capacity' && u.adviserId === s.adviserId && u.halfTerm === s.halfTerm).reduce((n, u) => n + u.days, 0);
			expect(s.days).toBeCloseTo(days);
		}
	});

	it('the plan it narrows has what each case relies on', () => {
		expect(result.shortfalls.some((s) => s.adviserId === SAM)).toBe(true);
		expect(result.unplaced.some((u) => u.urn === 100004)).toBe(true);
	});
});
