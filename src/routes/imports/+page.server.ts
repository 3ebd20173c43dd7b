import { rmSync } from 'node:fs';
import { fail } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { db } from '$lib/server/db';
import { guard } from '$lib/server/access';
import { can, seesImport, servesWholeImport } from '$lib/domain/access';
import { field } from '$lib/server/forms';
import { importHistory } from '$lib/server/import/history';
import { getServedLas, setServedLas } from '$lib/server/import/settings';
import { parseLaList } from '$lib/domain/las';
import { importMaxBytes } from '$lib/server/import/limits';
import { megabytes } from '$lib/server/import/csv-source';
import { runImportOffThread } from '$lib/server/import/off-thread';
import { rollbackImport } from '$lib/server/import/rollback';
import { saveWholeFile } from '$lib/server/import/jobs';
import { parseImportOptions } from '$lib/domain/import/options';
import { checkReason } from '$lib/domain/reason';
import { isRowId } from '$lib/domain/ids';

export const load: PageServerLoad = async (event) => {
	const user = guard(event, 'data.import');
	const all = await importHistory(db());
	// An import held up by one this person cannot roll back (another LA's) says who can.
	const mayRollBack = new Set(all.filter((r) => servesWholeImport(user, r.laCodes)).map((r) => r.id));
	const history = all
		.filter((r) => seesImport(user, r.laCodes))
		.map((r) => ({ ...r, blockerOutOfReach: r.blockedBy !== null && !mayRollBack.has(r.blockedBy) }));
	const asked = Number(event.url.searchParams.get('rollback'));
	return {
		title: 'Imports',
		history,
		/** The import an admin asked to roll back, shown with what it will do and a reason to give before anything happens. */
		confirmRollback: can(user, 'service.manage') ? (history.find((r) => r.id === asked && !r.rolledBackAt && r.blockedBy === null) ?? null) : null,
		/** The LAs this installation serves; none: every LA. */
		servedLas: await getServedLas(db()),
		canManage: can(user, 'service.manage'),
		maxSize: megabytes(importMaxBytes())
	};
};

export const actions: Actions = {
	/** Without JavaScript the whole file comes in one request; with it, the page uses /imports/upload. */
	upload: async (event) => {
		const user = guard(event, 'data.import');
		const form = await event.request.formData();
		const values = { kind: field(form, 'kind'), year: field(form, 'year'), version: field(form, 'version') };
		const options = parseImportOptions(values);
		if (!options.ok) return fail(400, { values, errors: options.errors });
		const file = form.get('file');
		if (!(file instanceof File) || file.name === '') return fail(400, { values, errors: { file: 'Choose a file to import' } });
		if (file.size > importMaxBytes()) {
			return fail(400, { values, errors: { file: `The file is ${megabytes(file.size)}, which is over the limit of ${megabytes(importMaxBytes())}` } });
		}
		const path = await saveWholeFile(file);
		try {
			const outcome = await runImportOffThread(db(), { path, fileName: file.name, ...options.value, userId: user.id });
			return { outcome };
		} finally {
			rmSync(path, { force: true });
		}
	},

	rollback: async (event) => {
		const admin = guard(event, 'service.manage');
		const form = await event.request.formData();
		const id = Number(field(form, 'id'));
		if (!isRowId(id)) return fail(400, { rollback: { ok: false, message: 'Choose an import to roll back' } });
		const reason = checkReason(field(form, 'reason'), 'Enter why you are rolling back this import');
		if (!reason.ok) return fail(400, { reasonError: reason.message, reason: field(form, 'reason') });
		const record = (await importHistory(db())).find((r) => r.id === id);
		if (record && !seesImport(admin, record.laCodes)) return fail(404, { rollback: { ok: false, message: `There is no import ${id}.` } });
		if (record && !servesWholeImport(admin, record.laCodes)) {
			return fail(403, { rollback: { ok: false, message: 'This import holds other LAs’ data too. An admin who serves every LA it holds can roll it back' } });
		}
		const result = await rollbackImport(db(), id, admin.id, reason.value, (laCodes) => servesWholeImport(admin, laCodes));
		return result.ok ? { rollback: result } : fail(400, { rollback: result });
	},

	scope: async (event) => {
		const admin = guard(event, 'service.manage');
		const form = await event.request.formData();
		const limit = field(form, 'limit') === 'la';
		const text = field(form, 'laCodes');
		if (limit && text === '') return fail(400, { scopeError: 'Enter the code of each LA this installation serves, for example 850', laCodes: text });
		const parsed = parseLaList(limit ? text : '');
		if (!parsed.ok) return fail(400, { scopeError: parsed.message, laCodes: text });
		const result = await setServedLas(db(), parsed.codes, admin.id);
		return result.ok ? { scopeSaved: true } : fail(400, { scopeError: result.message, laCodes: text });
	}
};
