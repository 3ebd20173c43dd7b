import type { PageServerLoad } from './$types';
import { db } from '$lib/server/db';
import { guard } from '$lib/server/access';
import { auditLines } from '$lib/server/audit';

const PAGE_SIZE = 100;

export const load: PageServerLoad = async (event) => {
	guard(event, 'service.manage');
	const before = Number(event.url.searchParams.get('before')) || null;
	const entries = await auditLines(db(), { before, limit: PAGE_SIZE });
	const last = entries.at(-1);
	return { title: 'Audit log', entries, older: entries.length === PAGE_SIZE && last ? last.id : null };
};
