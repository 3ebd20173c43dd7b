import type { Role } from './roles';
import { QM_STATUS_LABELS, type QmStatus } from './quality-mark';
import { NOT_FOUND, Refusal } from './refusal';

/**
 * Who may do what: the one access policy (the roles table in the README). Pure: a person, an action
 * and the thing acted on go in; "allowed", or a refusal with its words and its status, comes out.
 *
 * Every load function, form action and endpoint asks it through src/lib/server/access.ts, and every
 * service that changes something asks it again with the record it is about to change, so the CLI
 * and the tests meet the same rules. Nothing else compares roles, link advisers or school URNs.
 *
 * How refusals are answered:
 * - `school.view` and `engagement.view` decide what a person is told exists. A headteacher is told
 *   only about their own schools and never about engagements: anything else answers 404, exactly as
 *   a URN that does not exist, so a refusal never reveals that a school does. Every page or form
 *   about one school asks `school.view` first.
 * - Every other action refuses with 403 and says who may do it.
 *
 * Local authorities: a member of staff serves the LAs on `Actor` (none listed: every LA), and a
 * school belongs to the LA on `School` (and so does its `Engagement`). `serves` compares them, and
 * every rule about a school goes through it, so another LA's school is as absent as one that does
 * not exist. A school whose LA is not known is served only by those who serve every LA.
 *
 * The regional role reads what staff read about the LAs it serves (READ_ACTIONS) and is refused
 * everything else with 403, in words that say who may do it (WHO_MAY).
 */

/** The person asking: the signed-in user, or what a service or the CLI knows of them. */
export interface Actor {
	id: number;
	role: Role;
	/** The schools a headteacher's account is linked to; none for staff. */
	schoolUrns?: readonly number[];
	/** The LA codes a member of staff serves; none (or absent): every LA. */
	laCodes?: readonly string[];
}

/** A school, as far as access depends on it. */
export interface School {
	urn: number;
	/** For the words of a refusal. */
	name?: string;
	linkAdviserId?: number | null;
	/** The school's LA code from the register, such as '850'. */
	laCode?: string | null;
}

/** A school's Quality Mark for one framework: its school and the assessor made responsible for it. */
export interface QualityMark extends School {
	assessorId: number | null;
}

/** A change of a Quality Mark's status, from the status shown today. */
export interface QualityMarkMove extends QualityMark {
	from: QmStatus;
	to: QmStatus;
}

/** An engagement in the schedule: its school and the adviser or lead adviser it is booked to. */
export interface Engagement {
	urn: number;
	/** Its school's LA code. */
	laCode?: string | null;
	adviserId: number;
	adviserName?: string;
}

/** Each action, and what it is about (`undefined`: the service as a whole). */
export interface Resources {
	/** Every school: the overview, the school list and its export, the analysis, the schedule. */
	'schools.list': undefined;
	'data.import': undefined;
	'analysis.run': undefined;
	/** Agree categories on the analysis page, one by one or all unchanged ones at once. */
	'categories.agree': undefined;
	/** Run the service: users, term dates, capacity, policy, templates, the audit log, roll-backs. */
	'service.manage': undefined;
	/** Plan the year: commits advisers' time. */
	'year.plan': undefined;
	/** A private calendar address for one's own engagements. */
	'calendar.subscribe': undefined;
	/** The self-evaluation pages. */
	'selfEvaluation.list': undefined;
	/** The "Ask for support" page. */
	'support.open': undefined;
	/** Narrow the schedule and the self-evaluation list to one's own link schools ("My link schools"). */
	'schools.mine': undefined;
	/** School-to-school support: the proposals and partnerships one may see. */
	'brokerage.open': undefined;
	/** Propose school-to-school support at all: the roles that may propose it for some school. */
	'brokerage.propose': undefined;

	/** Be told the school exists: its pages, and any form that names it. */
	'school.view': School;
	/** The LA's own working on a school: proposals, the register, draft notes, an undecided review. */
	'school.seeWorking': School;
	'category.change': School;
	'category.agree': School;
	/** Record, correct and end soft intelligence. */
	'register.keep': School;
	'disagreement.raise': School;
	'disagreement.review': School;
	'disagreement.decide': School;
	'selfEvaluation.view': School;
	/** Write, submit and copy forward the school's own summary. */
	'selfEvaluation.write': School;
	'selfEvaluation.comment': School;
	/** Review, agree or return a submitted summary. */
	'selfEvaluation.decide': School;
	'support.ask': School;
	/** Fill in the self-audit and name the colleague who leads it. */
	'qualityMark.selfAudit': School;
	/** Book the visit, write the assessor's review, record the award decision, make any move. */
	'qualityMark.manage': QualityMark;
	/** Use the status form at all. */
	'qualityMark.changeStatus': QualityMark;
	/** Make this one move. */
	'qualityMark.move': QualityMarkMove;

	'engagement.view': Engagement;
	/** Confirm, move, cancel or complete it, and write its note of visit. */
	'engagement.change': Engagement;

	/** Propose school-to-school support for this school, or withdraw a proposal not yet under way. */
	'partnership.propose': School;
	/** Agree a proposed partnership for this school, or choose another supporter. */
	'partnership.agree': School;
	/** Accept or decline a partnership for one's own school. */
	'partnership.respond': School;
	/** Set up, keep notes on and end a partnership that supports this school. */
	'partnership.manage': School;
}

export type Action = keyof Resources;

/** The actions about the service as a whole, asked without a resource. */
export type ServiceAction = { [A in Action]: Resources[A] extends undefined ? A : never }[Action];

/** The thing an action is about, when it is about one. */
export type About<A extends Action> = Resources[A] extends undefined ? [] : [resource: Resources[A]];

export type Decision = { allowed: true } | { allowed: false; status: 403 | 404; message: string };

/** Every role that works for the LAs it serves and sees all their schools. */
const STAFF: readonly Role[] = ['admin', 'analyst', 'lead_adviser', 'adviser', 'regional'];

/** What the regional role may do: read, as staff do. Every other action is a change, or needs one. */
export const READ_ACTIONS = [
	'schools.list',
	'school.view',
	'school.seeWorking',
	'selfEvaluation.list',
	'selfEvaluation.view',
	'engagement.view',
	'brokerage.open'
] as const satisfies readonly Action[];
type ReadAction = (typeof READ_ACTIONS)[number];

/** Who may do each action that changes something: what a regional user is told when refused it. */
const WHO_MAY: Record<Exclude<Action, ReadAction>, string> = {
	'data.import': 'Only an admin or an analyst can import data',
	'analysis.run': 'Only an admin or an analyst can run the analysis',
	'categories.agree': 'Only a lead adviser can agree categories',
	'service.manage': 'Only an admin can do this',
	'year.plan': 'Only an admin or a lead adviser can plan the year',
	'calendar.subscribe': 'Only the LA’s own staff can subscribe to a calendar of their engagements',
	'support.open': 'Only a school’s headteacher can ask for support',
	'schools.mine': 'Only advisers and lead advisers have link schools',
	'category.change': 'Only a school’s link adviser or a lead adviser can change its category',
	'category.agree': 'Only a lead adviser can agree a category',
	'register.keep': 'Only a school’s link adviser or a lead adviser can change its register',
	'disagreement.raise': 'Only the school’s headteacher can record a disagreement',
	'disagreement.review': 'Only the school’s link adviser or a lead adviser can review a disagreement',
	'disagreement.decide': 'Only a lead adviser can decide a disagreement',
	'selfEvaluation.write': 'Only the school can change its summary',
	'selfEvaluation.comment': 'Only advisers can comment',
	'selfEvaluation.decide': 'Only the link adviser or a lead adviser can do this',
	'support.ask': 'Only the school’s headteacher can ask for support for it',
	'qualityMark.selfAudit': "Only the school's headteacher can fill in its self-audit",
	'qualityMark.manage': "Only the school's link adviser, the Quality Mark's assessor, a lead adviser or an admin can do this",
	'qualityMark.changeStatus': "Only the school's link adviser, the Quality Mark's assessor, a lead adviser or an admin can change a Quality Mark",
	'qualityMark.move': "Only the school's link adviser, the Quality Mark's assessor, a lead adviser or an admin can move a Quality Mark",
	'engagement.change': 'Only the engagement’s adviser or a lead adviser can change it',
	'brokerage.propose': 'Only a school’s link adviser or a lead adviser can propose support for it',
	'partnership.propose': 'Only a school’s link adviser or a lead adviser can propose support for it',
	'partnership.agree': 'Only a lead adviser can agree a partnership',
	'partnership.respond': 'Only the school’s headteacher can accept or decline a partnership for it',
	'partnership.manage': 'Only the supported school’s link adviser or a lead adviser can do this'
};

const isRead = (action: Action): action is ReadAction => (READ_ACTIONS as readonly Action[]).includes(action);

/**
 * The roles that hold link schools, a schedule and a capacity: the only people engagements and
 * assessment visits are booked to, and the link advisers a school can be given.
 */
export const ADVISER_ROLES: readonly Role[] = ['lead_adviser', 'adviser'];

const ALLOWED: Decision = { allowed: true };
const forbidden = (message = 'You do not have permission to do this'): Decision => ({ allowed: false, status: 403, message });
const hidden: Decision = { allowed: false, status: 404, message: NOT_FOUND };
const when = (ok: boolean, refusal: () => Decision): Decision => (ok ? ALLOWED : refusal());

const isStaff = (actor: Actor) => STAFF.includes(actor.role);
const isLead = (actor: Actor) => actor.role === 'lead_adviser';
const roleIn = (actor: Actor, roles: readonly Role[], message?: string) => when(roles.includes(actor.role), () => forbidden(message));

/** A headteacher of this school. */
const leads = (actor: Actor, school: School) => actor.role === 'headteacher' && (actor.schoolUrns ?? []).includes(school.urn);
/** The adviser given this school as a link school. */
const linkAdviserOf = (actor: Actor, school: School) => actor.role === 'adviser' && school.linkAdviserId === actor.id;
/** Staff who serve this school's LA: every LA when they have none listed. */
const servesLa = (actor: Actor, laCode: string | null | undefined) =>
	!actor.laCodes?.length || (laCode !== null && laCode !== undefined && actor.laCodes.includes(laCode));
const serves = (actor: Actor, school: School) => isStaff(actor) && servesLa(actor, school.laCode);

/**
 * The LAs whose schools a member of staff's lists, exports and counts take in: null for every LA
 * (none listed for them). Lists filter by it, so they show exactly the schools `school.view` allows.
 */
export function servedLas(actor: Actor): readonly string[] | null {
	return actor.laCodes?.length ? actor.laCodes : null;
}

/**
 * Whether someone may be told of an import, from the LAs whose data it holds (null: a file about
 * every LA, such as the register; none: it stored no school's rows). An import of only other LAs'
 * data is as absent as another LA's school.
 */
export function seesImport(actor: Actor, laCodes: readonly string[] | null): boolean {
	const las = servedLas(actor);
	return las === null || laCodes === null || laCodes.length === 0 || laCodes.some((code) => las.includes(code));
}

/** Whether every LA an import holds data for is served: who may undo it without touching another LA's data. */
export function servesWholeImport(actor: Actor, laCodes: readonly string[] | null): boolean {
	const las = servedLas(actor);
	return las === null || (laCodes !== null && laCodes.every((code) => las.includes(code)));
}
/** A lead adviser, or the school's link adviser: who acts for a school. */
const actsFor = (actor: Actor, school: School) => serves(actor, school) && (isLead(actor) || linkAdviserOf(actor, school));
const nameOf = (school: School) => school.name ?? `URN ${school.urn}`;

const qualityMarkManager = (actor: Actor, mark: QualityMark) =>
	serves(actor, mark) && (isLead(actor) || actor.role === 'admin' || linkAdviserOf(actor, mark) || (actor.role === 'adviser' && mark.assessorId === actor.id));

type Rule<A extends Action> = (actor: Actor, resource: Resources[A]) => Decision;

const RULES: { [A in Action]: Rule<A> } = {
	'schools.list': (a) => when(isStaff(a), () => forbidden('You do not have permission to see this page')),
	'data.import': (a) => roleIn(a, ['admin', 'analyst'], 'Only an admin or an analyst can import data'),
	'analysis.run': (a) => roleIn(a, ['admin', 'analyst'], 'Only an admin or an analyst can run the analysis'),
	'categories.agree': (a) => roleIn(a, ['lead_adviser'], 'Only a lead adviser can agree categories'),
	'service.manage': (a) => roleIn(a, ['admin'], 'Only an admin can do this'),
	// Analysts produce the categories but do not commit advisers' time; advisers work within the plan.
	'year.plan': (a) => roleIn(a, ['admin', 'lead_adviser'], 'You do not have permission to see this page'),
	'calendar.subscribe': (a) => when(isStaff(a), () => forbidden()),
	'selfEvaluation.list': (a) => roleIn(a, ['headteacher', ...ADVISER_ROLES, 'regional'], 'You do not have permission to see this page'),
	'support.open': (a) => roleIn(a, ['headteacher'], 'You do not have permission to see this page'),
	// Only the roles that can be given link schools have any to narrow a list to.
	'schools.mine': (a) => roleIn(a, ADVISER_ROLES),
	'brokerage.open': (a) => roleIn(a, [...STAFF, 'headteacher']),
	'brokerage.propose': (a) => roleIn(a, ADVISER_ROLES, 'Only a school’s link adviser or a lead adviser can propose support for it'),

	'school.view': (a, s) => (serves(a, s) || leads(a, s) ? ALLOWED : hidden),
	'school.seeWorking': (a, s) => when(serves(a, s), () => forbidden()),
	// Admins run the service (users, term dates, policy), not a school's register or category.
	'category.change': (a, s) =>
		when(actsFor(a, s), () =>
			forbidden(a.role === 'adviser' ? `Only ${nameOf(s)}’s link adviser or a lead adviser can change its category` : 'Only advisers can change a category')
		),
	'category.agree': (a, s) => when(serves(a, s) && isLead(a), () => forbidden('Only a lead adviser can agree a category')),
	'register.keep': (a, s) =>
		when(actsFor(a, s), () =>
			forbidden(
				a.role === 'adviser' ? `Only ${nameOf(s)}’s link adviser or a lead adviser can change its register` : 'You cannot change the soft-intelligence register'
			)
		),
	'disagreement.raise': (a, s) => when(leads(a, s), () => forbidden('Only the school’s headteacher can record a disagreement')),
	'disagreement.review': (a, s) => when(actsFor(a, s), () => forbidden('Only the school’s link adviser or a lead adviser can review a disagreement')),
	'disagreement.decide': (a, s) => when(serves(a, s) && isLead(a), () => forbidden('Only a lead adviser can decide a disagreement')),
	// Advisers read and comment on any school's summary; the link adviser and lead advisers move it on.
	'selfEvaluation.view': (a, s) => {
		if (a.role === 'headteacher') return leads(a, s) ? ALLOWED : hidden;
		return when(serves(a, s) && [...ADVISER_ROLES, 'regional'].includes(a.role), () => forbidden('You do not have permission to see this page'));
	},
	'selfEvaluation.write': (a, s) => when(leads(a, s), () => forbidden('Only the school can change its summary')),
	'selfEvaluation.comment': (a, s) => when(serves(a, s) && ADVISER_ROLES.includes(a.role), () => forbidden('Only advisers can comment')),
	'selfEvaluation.decide': (a, s) => when(actsFor(a, s), () => forbidden('Only the link adviser or a lead adviser can do this')),
	'support.ask': (a, s) => when(leads(a, s), () => forbidden('Only the school’s headteacher can ask for support for it')),
	'qualityMark.selfAudit': (a, s) => when(leads(a, s), () => forbidden("Only the school's headteacher can fill in its self-audit")),
	// Lead advisers and admins run the Quality Mark for the LA; an adviser manages their link schools' and those they assess.
	'qualityMark.manage': (a, m) =>
		when(qualityMarkManager(a, m), () => forbidden("Only the school's link adviser, the Quality Mark's assessor, a lead adviser or an admin can do this")),
	'qualityMark.changeStatus': (a, m) =>
		when(qualityMarkManager(a, m) || leads(a, m), () =>
			forbidden("Only the school's link adviser, the Quality Mark's assessor, a lead adviser or an admin can change a Quality Mark")
		),
	// A headteacher makes only the self-audit steps: starting (or restarting) it, and taking a submitted one back.
	'qualityMark.move': (a, m) =>
		when(qualityMarkManager(a, m) || (leads(a, m) && m.to === 'self_audit_in_progress' && m.from !== 'assessor_review'), () =>
			forbidden(
				`Only the school's link adviser, a lead adviser or an admin can move this Quality Mark from ${QM_STATUS_LABELS[m.from]} to ${QM_STATUS_LABELS[m.to]}. ` +
					'You can start the self-audit once your school is registered, and take it back after submitting it.'
			)
		),

	// A headteacher sees their school's visits on its own pages, never the LA's engagement pages.
	'engagement.view': (a, e) => (serves(a, { urn: e.urn, laCode: e.laCode }) ? ALLOWED : hidden),
	// Admins and analysts read the schedule but do not change engagements.
	'engagement.change': (a, e) =>
		when(serves(a, { urn: e.urn, laCode: e.laCode }) && (isLead(a) || (a.role === 'adviser' && e.adviserId === a.id)), () =>
			forbidden(`Only ${e.adviserName ?? 'its adviser'} or a lead adviser can change this engagement.`)
		),

	// School-to-school support: the supported school's link adviser or a lead adviser proposes and runs it,
	// a lead adviser agrees it, and each school's headteacher answers for their own school.
	'partnership.propose': (a, s) => when(actsFor(a, s), () => forbidden(`Only ${nameOf(s)}’s link adviser or a lead adviser can propose support for it`)),
	'partnership.agree': (a, s) => when(serves(a, s) && isLead(a), () => forbidden('Only a lead adviser can agree a partnership')),
	'partnership.respond': (a, s) => when(leads(a, s), () => forbidden(`Only ${nameOf(s)}’s headteacher can accept or decline a partnership for it`)),
	'partnership.manage': (a, s) => when(actsFor(a, s), () => forbidden(`Only ${nameOf(s)}’s link adviser or a lead adviser can do this`))
};

/** May `actor` do `action` (to `resource`)? Allowed, or why not and with which status. */
export function decide<A extends Action>(actor: Actor, action: A, ...[resource]: About<A>): Decision {
	// Another LA's school, engagement or Quality Mark is not there at all for staff who do not serve it.
	if (resource && isStaff(actor) && !servesLa(actor, resource.laCode)) return hidden;
	// A regional user reads and changes nothing: told who can, whatever the rule would say of them.
	if (actor.role === 'regional' && !isRead(action))
		return forbidden(`${WHO_MAY[action as Exclude<Action, ReadAction>]}. A regional account can see but not change anything`);
	return RULES[action](actor, resource as Resources[A]);
}

/** The same question as a yes or no: for what a page offers. */
export function can<A extends Action>(actor: Actor, action: A, ...about: About<A>): boolean {
	return decide(actor, action, ...about).allowed;
}

/** The same question, for work about to be done: throws the refusal when the answer is no. */
export function requireAllowed<A extends Action>(actor: Actor, action: A, ...about: About<A>): void {
	const decision = decide(actor, action, ...about);
	if (!decision.allowed) throw new Refusal(decision.message, { status: decision.status });
}
