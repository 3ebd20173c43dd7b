import { can, type Actor, type ServiceAction } from './access';

// What each role may do is decided in access.ts, the one access policy.
/** The six roles (docs/roles.md), in the order admins see them. */
export const ROLES = ['admin', 'analyst', 'lead_adviser', 'adviser', 'regional', 'headteacher'] as const;
export type Role = (typeof ROLES)[number];

export const ROLE_LABELS: Record<Role, string> = {
	admin: 'Admin',
	analyst: 'Analyst',
	lead_adviser: 'Lead adviser',
	adviser: 'Adviser',
	regional: 'Regional',
	headteacher: 'Headteacher'
};

export function isRole(value: unknown): value is Role {
	return typeof value === 'string' && (ROLES as readonly string[]).includes(value);
}

export interface NavItem {
	href: string;
	label: string;
}

/** Each header link and the action its page asks the access policy for (`unless`: shown to those refused it). */
const NAV: { item: NavItem; action?: ServiceAction; unless?: ServiceAction }[] = [
	{ item: { href: '/', label: 'Overview' }, action: 'schools.list' },
	{ item: { href: '/', label: 'My school' }, unless: 'schools.list' },
	{ item: { href: '/schools', label: 'Schools' }, action: 'schools.list' },
	{ item: { href: '/analysis', label: 'Analysis' }, action: 'schools.list' },
	{ item: { href: '/imports', label: 'Imports' }, action: 'data.import' },
	{ item: { href: '/schedule', label: 'Schedule' }, action: 'schools.list' },
	{ item: { href: '/self-evaluation', label: 'Self-evaluation' }, action: 'selfEvaluation.list' },
	{ item: { href: '/quality-mark', label: 'Quality Mark' } },
	{ item: { href: '/brokerage', label: 'Partnerships' }, action: 'brokerage.open' },
	{ item: { href: '/support', label: 'Ask for support' }, action: 'support.open' },
	{ item: { href: '/admin', label: 'Admin' }, action: 'service.manage' }
];

/** The header navigation a person sees. Pages they cannot use are never linked. */
export function navigationFor(actor: Actor): NavItem[] {
	return NAV.filter((n) => (!n.action || can(actor, n.action)) && (!n.unless || !can(actor, n.unless))).map((n) => n.item);
}
