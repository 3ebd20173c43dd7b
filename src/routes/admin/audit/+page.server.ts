import type { PageServerLoad } from './$types';
import { db } from '$lib/server/db';
import { guard } from '$lib/server/access';

const PAGE_SIZE = 100;

export const load: PageServerLoad = async (event) => {
	guard(event, 'service.manage');
	const before = Number(event.url.searchParams.get('before')) || null;
	let query = db()
		.selectFrom('audit_log')
		.leftJoin('users', 'users.id', 'audit_log.user_id')
		.select([
			'audit_log.id',
			'audit_log.at',
			'audit_log.action',
			'audit_log.entity',
			'audit_log.entity_id',
			'audit_log.before_json',
			'audit_log.after_json',
			'users.name as user_name'
		])
		.orderBy('audit_log.id', 'desc')
		.limit(PAGE_SIZE);
	if (before) query = query.where('audit_log.id', '<', before);
	const entries = await query.execute();
	const last = entries.at(-1);
	return { title: 'Audit log', entries, older: entries.length === PAGE_SIZE && last ? last.id : null };
};
