import { describe, expect, it } from 'vitest';
import { can, decide, READ_ACTIONS, requireAllowed, type Action, type Actor, type About, type Engagement, type QualityMark, type School } from './access';
import { Refusal } from './refusal';
import { ROLES } from './roles';

// Two schools: the adviser is the link adviser of Ash, and Hana leads Ash; Birch belongs to others.
const ASH: School = { urn: 100001, name: 'Ash Primary', linkAdviserId: 4 };
const BIRCH: School = { urn: 100002, name: 'Birch Primary', linkAdviserId: 5 };

const PEOPLE = {
	admin: { id: 1, role: 'admin' },
	analyst: { id: 2, role: 'analyst' },
	lead: { id: 3, role: 'lead_adviser' },
	link: { id: 4, role: 'adviser' },
	adviser: { id: 6, role: 'adviser' },
	regional: { id: 9, role: 'regional' },
	head: { id: 7, role: 'headteacher', schoolUrns: [ASH.urn] },
	otherHead: { id: 8, role: 'headteacher', schoolUrns: [BIRCH.urn] }
} as const satisfies Record<string, Actor>;

type Person = keyof typeof PEOPLE;
/** What each person gets: allowed, or the status of the refusal. */
type Outcome = 'yes' | 403 | 404;
type Row = Record<Person, Outcome>;

/** Every role is a row of the table (a new role must be given a column). */
const COLUMNS: Person[] = ['admin', 'analyst', 'lead', 'link', 'adviser', 'regional', 'head', 'otherHead'];

const row = (...outcomes: Outcome[]): Row => Object.fromEntries(COLUMNS.map((p, i) => [p, outcomes[i]])) as Row;

const MARK: QualityMark = { ...ASH, assessorId: null };
const VISIT: Engagement = { urn: ASH.urn, adviserId: 4, adviserName: 'Ada Adviser' };

/**
 * Every action, what it is asked about, and each person's answer. `link` is Ash's link adviser,
 * `adviser` another adviser, `head` Ash's headteacher and `otherHead` Birch's; the thing asked about
 * is always Ash's, in each column's order: admin, analyst, lead, link, adviser, regional, head, otherHead.
 * `regional` reads what staff read and changes nothing.
 */
const TABLE: { [A in Action]: { about: About<A>; expect: Row } } = {
	'schools.list': { about: [], expect: row('yes', 'yes', 'yes', 'yes', 'yes', 'yes', 403, 403) },
	'data.import': { about: [], expect: row('yes', 'yes', 403, 403, 403, 403, 403, 403) },
	'analysis.run': { about: [], expect: row('yes', 'yes', 403, 403, 403, 403, 403, 403) },
	'categories.agree': { about: [], expect: row(403, 403, 'yes', 403, 403, 403, 403, 403) },
	'service.manage': { about: [], expect: row('yes', 403, 403, 403, 403, 403, 403, 403) },
	'year.plan': { about: [], expect: row('yes', 403, 'yes', 403, 403, 403, 403, 403) },
	'calendar.subscribe': { about: [], expect: row('yes', 'yes', 'yes', 'yes', 'yes', 403, 403, 403) },
	'selfEvaluation.list': { about: [], expect: row(403, 403, 'yes', 'yes', 'yes', 'yes', 'yes', 'yes') },
	'support.open': { about: [], expect: row(403, 403, 403, 403, 403, 403, 'yes', 'yes') },
	'schools.mine': { about: [], expect: row(403, 403, 'yes', 'yes', 'yes', 403, 403, 403) },
	'brokerage.open': { about: [], expect: row('yes', 'yes', 'yes', 'yes', 'yes', 'yes', 'yes', 'yes') },
	'brokerage.propose': { about: [], expect: row(403, 403, 'yes', 'yes', 'yes', 403, 403, 403) },

	'school.view': { about: [ASH], expect: row('yes', 'yes', 'yes', 'yes', 'yes', 'yes', 'yes', 404) },
	'school.seeWorking': { about: [ASH], expect: row('yes', 'yes', 'yes', 'yes', 'yes', 'yes', 403, 403) },
	'category.change': { about: [ASH], expect: row(403, 403, 'yes', 'yes', 403, 403, 403, 403) },
	'category.agree': { about: [ASH], expect: row(403, 403, 'yes', 403, 403, 403, 403, 403) },
	'register.keep': { about: [ASH], expect: row(403, 403, 'yes', 'yes', 403, 403, 403, 403) },
	'disagreement.raise': { about: [ASH], expect: row(403, 403, 403, 403, 403, 403, 'yes', 403) },
	'disagreement.review': { about: [ASH], expect: row(403, 403, 'yes', 'yes', 403, 403, 403, 403) },
	'disagreement.decide': { about: [ASH], expect: row(403, 403, 'yes', 403, 403, 403, 403, 403) },
	'selfEvaluation.view': { about: [ASH], expect: row(403, 403, 'yes', 'yes', 'yes', 'yes', 'yes', 404) },
	'selfEvaluation.write': { about: [ASH], expect: row(403, 403, 403, 403, 403, 403, 'yes', 403) },
	'selfEvaluation.comment': { about: [ASH], expect: row(403, 403, 'yes', 'yes', 'yes', 403, 403, 403) },
	'selfEvaluation.decide': { about: [ASH], expect: row(403, 403, 'yes', 'yes', 403, 403, 403, 403) },
	'support.ask': { about: [ASH], expect: row(403, 403, 403, 403, 403, 403, 'yes', 403) },
	'qualityMark.selfAudit': { about: [ASH], expect: row(403, 403, 403, 403, 403, 403, 'yes', 403) },
	'qualityMark.manage': { about: [MARK], expect: row('yes', 403, 'yes', 'yes', 403, 403, 403, 403) },
	'qualityMark.changeStatus': { about: [MARK], expect: row('yes', 403, 'yes', 'yes', 403, 403, 'yes', 403) },
	'qualityMark.move': { about: [{ ...MARK, from: 'registered', to: 'self_audit_in_progress' }], expect: row('yes', 403, 'yes', 'yes', 403, 403, 'yes', 403) },
	'engagement.view': { about: [VISIT], expect: row('yes', 'yes', 'yes', 'yes', 'yes', 'yes', 404, 404) },
	'engagement.change': { about: [VISIT], expect: row(403, 403, 'yes', 'yes', 403, 403, 403, 403) },
	'partnership.propose': { about: [ASH], expect: row(403, 403, 'yes', 'yes', 403, 403, 403, 403) },
	'partnership.agree': { about: [ASH], expect: row(403, 403, 'yes', 403, 403, 403, 403, 403) },
	'partnership.respond': { about: [ASH], expect: row(403, 403, 403, 403, 403, 403, 'yes', 403) },
	'partnership.manage': { about: [ASH], expect: row(403, 403, 'yes', 'yes', 403, 403, 403, 403) }
};

const cases = (Object.keys(TABLE) as Action[]).flatMap((action) => COLUMNS.map((person) => [action, person, TABLE[action].expect[person]] as const));

describe('the access policy', () => {
	it('covers every role', () => {
		expect(new Set(COLUMNS.map((p) => PEOPLE[p].role))).toEqual(new Set(ROLES));
	});

	it.each(cases)('%s for %s: %s', (action, person, outcome) => {
		const about = TABLE[action].about as About<typeof action>;
		const decision = decide(PEOPLE[person], action, ...about);
		expect(decision.allowed ? 'yes' : decision.status).toBe(outcome);
		expect(can(PEOPLE[person], action, ...about)).toBe(outcome === 'yes');
	});

	it('hides another school from a headteacher exactly as a school that does not exist', () => {
		expect(decide(PEOPLE.head, 'school.view', BIRCH)).toEqual({ allowed: false, status: 404, message: 'Page not found' });
		expect(decide(PEOPLE.head, 'school.view', { urn: 999999 })).toEqual(decide(PEOPLE.head, 'school.view', BIRCH));
		expect(decide({ id: 9, role: 'headteacher' }, 'school.view', ASH)).toMatchObject({ allowed: false, status: 404 });
	});

	it('lets the adviser made assessor of a Quality Mark manage it, and no other adviser', () => {
		expect(can(PEOPLE.adviser, 'qualityMark.manage', { ...BIRCH, assessorId: PEOPLE.adviser.id })).toBe(true);
		expect(can(PEOPLE.adviser, 'qualityMark.manage', { ...BIRCH, assessorId: PEOPLE.link.id })).toBe(false);
		expect(can(PEOPLE.analyst, 'qualityMark.manage', { ...BIRCH, assessorId: PEOPLE.analyst.id })).toBe(false);
	});

	it.each([
		['registered', 'interested'],
		['assessor_review', 'self_audit_in_progress'],
		['audit_submitted', 'assessor_review']
	] as const)('lets a headteacher make only the self-audit steps: not %s → %s', (from, to) => {
		const move = decide(PEOPLE.head, 'qualityMark.move', { ...MARK, from, to });
		expect(move).toMatchObject({ allowed: false, status: 403 });
		expect(can(PEOPLE.lead, 'qualityMark.move', { ...MARK, from, to })).toBe(true);
	});

	it('lets an adviser change only the engagements booked to them', () => {
		expect(can(PEOPLE.adviser, 'engagement.change', { ...VISIT, adviserId: PEOPLE.adviser.id })).toBe(true);
		expect(decide(PEOPLE.adviser, 'engagement.change', VISIT)).toEqual({
			allowed: false,
			status: 403,
			message: 'Only Ada Adviser or a lead adviser can change this engagement.'
		});
	});

	describe('the regional role', () => {
		const changes = (Object.keys(TABLE) as Action[]).filter((action) => !(READ_ACTIONS as readonly Action[]).includes(action));

		it.each(changes)('%s: refused with 403, in words that say who can', (action) => {
			const decision = decide(PEOPLE.regional, action, ...(TABLE[action].about as About<typeof action>));
			expect(decision).toMatchObject({ allowed: false, status: 403 });
			expect(decision.allowed || decision.message).toMatch(/^Only .+\. A regional account can see but not change anything$/);
		});

		it.each(READ_ACTIONS)('%s: allowed, as for staff', (action) => {
			expect(TABLE[action].expect.regional).toBe('yes');
			expect(TABLE[action].expect.lead).toBe('yes');
		});

		it('reads only the LAs it is given, and every LA when given none', () => {
			const elsewhere = { ...ASH, laCode: '850' };
			expect(decide({ ...PEOPLE.regional, laCodes: ['936'] }, 'school.view', elsewhere)).toMatchObject({ status: 404 });
			expect(can({ ...PEOPLE.regional, laCodes: ['936', '850'] }, 'school.view', elsewhere)).toBe(true);
			expect(can(PEOPLE.regional, 'school.view', elsewhere)).toBe(true);
			// Another LA's school is not there at all, even for a change it could never make.
			expect(decide({ ...PEOPLE.regional, laCodes: ['936'] }, 'category.change', elsewhere)).toMatchObject({ status: 404 });
		});
	});

	it('says who may do what was refused', () => {
		expect(decide(PEOPLE.adviser, 'category.change', ASH)).toMatchObject({
			message: 'Only Ash Primary’s link adviser or a lead adviser can change its category'
		});
		expect(decide(PEOPLE.admin, 'category.change', ASH)).toMatchObject({ message: 'Only advisers can change a category' });
		expect(decide(PEOPLE.adviser, 'register.keep', ASH)).toMatchObject({
			message: 'Only Ash Primary’s link adviser or a lead adviser can change its register'
		});
		expect(decide(PEOPLE.admin, 'register.keep', ASH)).toMatchObject({ message: 'You cannot change the soft-intelligence register' });
	});

	describe('local authorities', () => {
		/** Every action about one school, its Quality Mark or its engagement, with that LA's code on it. */
		const aboutOneSchool = (Object.keys(TABLE) as Action[])
			.filter((action) => TABLE[action].about.length > 0)
			.map((action) => [action, TABLE[action].about.map((r) => ({ ...(r as object), laCode: '850' }))] as const);
		const staff = COLUMNS.filter((p) => PEOPLE[p].role !== 'headteacher');

		it.each(aboutOneSchool)('%s: staff of another LA are told nothing, exactly as for a school that does not exist', (action, about) => {
			for (const person of staff) {
				const elsewhere: Actor = { ...PEOPLE[person], laCodes: ['936'] };
				expect(decide(elsewhere, action, ...(about as About<typeof action>)), person).toEqual({ allowed: false, status: 404, message: 'Page not found' });
			}
		});

		it.each(aboutOneSchool)('%s: staff who serve the LA, among others, or every LA, get the answers above', (action, about) => {
			for (const person of COLUMNS) {
				const expected = TABLE[action].expect[person];
				for (const laCodes of [['936', '850'], []]) {
					const decision = decide({ ...PEOPLE[person], laCodes }, action, ...(about as About<typeof action>));
					expect(decision.allowed ? 'yes' : decision.status, `${person} serving ${laCodes.join(' and ') || 'every LA'}`).toBe(expected);
				}
			}
		});

		it('serves a school whose LA is not known only to staff who serve every LA', () => {
			expect(can({ ...PEOPLE.lead, laCodes: ['850'] }, 'school.view', { urn: 1, laCode: null })).toBe(false);
			expect(can(PEOPLE.lead, 'school.view', { urn: 1, laCode: null })).toBe(true);
		});
	});

	it('throws a refusal with the same words and status when work is refused', () => {
		const thrown = (run: () => void) => {
			try {
				run();
			} catch (e) {
				return e;
			}
			return null;
		};
		expect(thrown(() => requireAllowed(PEOPLE.lead, 'support.ask', ASH))).toBeInstanceOf(Refusal);
		expect(thrown(() => requireAllowed(PEOPLE.otherHead, 'school.view', ASH))).toMatchObject({
			status: 404,
			message: 'Page not found',
			field: null,
			errors: {}
		});
		expect(thrown(() => requireAllowed(PEOPLE.head, 'support.ask', ASH))).toBeNull();
	});
});
