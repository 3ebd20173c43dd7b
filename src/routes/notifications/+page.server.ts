import type { Actions, PageServerLoad } from './$types';
import { db } from '$lib/server/db';
import { servedLas } from '$lib/domain/access';
import { signedIn } from '$lib/server/access';
import { listNotifications, markRead, notificationSchools } from '$lib/server/notifications';
import { isRowId } from '$lib/domain/ids';

export const load: PageServerLoad = async (event) => {
	const user = signedIn(event);
	return { title: 'Notifications', notifications: await listNotifications(db(), user.id, undefined, servedLas(user), notificationSchools(user)) };
};

export const actions: Actions = {
	read: async (event) => {
		const user = signedIn(event);
		const id = Number((await event.request.formData()).get('id'));
		if (isRowId(id)) await markRead(db(), user.id, id);
		return { done: true };
	},
	readAll: async (event) => {
		const user = signedIn(event);
		await markRead(db(), user.id);
		return { done: true };
	}
};
