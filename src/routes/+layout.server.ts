import type { LayoutServerLoad } from './$types';
import { navigationFor, ROLE_LABELS } from '$lib/domain/roles';
import { db } from '$lib/server/db';
import { servedLas } from '$lib/domain/access';
import { unreadCount } from '$lib/server/notifications';

// The layout only decides what the header shows. Access is checked in every page's own load.
export const load: LayoutServerLoad = async ({ locals }) => {
	const user = locals.user;
	return {
		user: user && { name: user.name, role: user.role, roleLabel: ROLE_LABELS[user.role] },
		navigation: user ? navigationFor(user) : [],
		unread: user ? await unreadCount(db(), user.id, servedLas(user)) : 0
	};
};
