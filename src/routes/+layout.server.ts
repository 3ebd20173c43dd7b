import type { LayoutServerLoad } from './$types';
import { navigationFor, ROLE_LABELS, type NavItem } from '$lib/domain/roles';
import { db } from '$lib/server/db';
import { can, servedLas } from '$lib/domain/access';
import { seesSeveralLas } from '$lib/server/la-scope';
import type { SessionUser } from '$lib/server/auth/session';
import { notificationSchools, unreadCount } from '$lib/server/notifications';

/** The header's links; with the comparison of LAs after "Schools" for staff who see several LAs. */
async function navigation(user: SessionUser): Promise<NavItem[]> {
	const items = navigationFor(user);
	if (!can(user, 'schools.list') || !(await seesSeveralLas(db(), user))) return items;
	const at = items.findIndex((i) => i.href === '/schools') + 1;
	return [...items.slice(0, at), { href: '/compare', label: 'Compare LAs' }, ...items.slice(at)];
}

// The layout only decides what the header shows. Access is checked in every page's own load.
export const load: LayoutServerLoad = async ({ locals }) => {
	const user = locals.user;
	return {
		user: user && { name: user.name, role: user.role, roleLabel: ROLE_LABELS[user.role] },
		navigation: user ? await navigation(user) : [],
		unread: user ? await unreadCount(db(), user.id, servedLas(user), notificationSchools(user)) : 0
	};
};
