/** The five roles (docs/roles.md), in the order admins see them. */
export const ROLES = ['admin', 'analyst', 'lead_adviser', 'adviser', 'headteacher'] as const;
export type Role = (typeof ROLES)[number];

export const ROLE_LABELS: Record<Role, string> = {
	admin: 'Admin',
	analyst: 'Analyst',
	lead_adviser: 'Lead adviser',
	adviser: 'Adviser',
	headteacher: 'Headteacher'
};

export function isRole(value: unknown): value is Role {
	return typeof value === 'string' && (ROLES as readonly string[]).includes(value);
}

/** Staff see every school; a headteacher sees only the schools linked to their account. */
export const STAFF_ROLES: readonly Role[] = ['admin', 'analyst', 'lead_adviser', 'adviser'];
export const ADVISER_ROLES: readonly Role[] = ['lead_adviser', 'adviser'];

/** What each role may do, from the table in docs/roles.md. */
export const PERMISSIONS = {
	seeAllSchools: STAFF_ROLES,
	importData: ['admin', 'analyst'],
	runAnalysis: ['admin', 'analyst'],
	recordSoftIntelligence: ADVISER_ROLES,
	overrideCategory: ADVISER_ROLES,
	agreeCategory: ['lead_adviser'],
	manageService: ['admin'],
	ownSchoolSelfEvaluation: ['headteacher']
} as const satisfies Record<string, readonly Role[]>;

export type Permission = keyof typeof PERMISSIONS;

export function can(role: Role, permission: Permission): boolean {
	return (PERMISSIONS[permission] as readonly Role[]).includes(role);
}

export interface NavItem {
	href: string;
	label: string;
}

const NAV: { item: NavItem; roles: readonly Role[] }[] = [
	{ item: { href: '/', label: 'Overview' }, roles: STAFF_ROLES },
	{ item: { href: '/', label: 'My school' }, roles: ['headteacher'] },
	{ item: { href: '/schools', label: 'Schools' }, roles: STAFF_ROLES },
	{ item: { href: '/analysis', label: 'Analysis' }, roles: STAFF_ROLES },
	{ item: { href: '/imports', label: 'Imports' }, roles: ['admin', 'analyst'] },
	{ item: { href: '/schedule', label: 'Schedule' }, roles: STAFF_ROLES },
	{ item: { href: '/self-evaluation', label: 'Self-evaluation' }, roles: ['headteacher', 'lead_adviser', 'adviser'] },
	{ item: { href: '/quality-mark', label: 'Quality Mark' }, roles: [...STAFF_ROLES, 'headteacher'] },
	{ item: { href: '/support', label: 'Ask for support' }, roles: ['headteacher'] },
	{ item: { href: '/admin', label: 'Admin' }, roles: ['admin'] }
];

/** The header navigation a role sees. Pages a role cannot use are never linked. */
export function navigationFor(role: Role): NavItem[] {
	return NAV.filter((n) => n.roles.includes(role)).map((n) => n.item);
}
