import type { PageServerLoad } from './$types';
import { db } from '$lib/server/db';
import { guard } from '$lib/server/access';
import { servedLas } from '$lib/domain/access';
import { auditLines } from '$lib/server/audit';
import { servedUrns } from '$lib/server/la-scope';
import { listUsers } from '$lib/server/users';
import { seesAccount } from '$lib/server/las';

const PAGE_SIZE = 100;

export const load: PageServerLoad = async (event) => {
	const admin = guard(event, 'service.manage');
	const before = Number(event.url.searchParams.get('before')) || null;
	// An admin who serves some LAs reads no change about another LA's school, accounts or own settings.
	const served = await servedUrns(db(), admin);
	const sees = await seesAccount(db(), admin);
	const accounts = served === null ? null : new Set((await listUsers(db())).filter(sees).map((u) => u.id));
	const las = servedLas(admin);
	const { lines, last } = await auditLines(db(), { before, limit: PAGE_SIZE, served, accounts, las: las && new Set(las) });
	return { title: 'Audit log', entries: lines, older: last };
};
