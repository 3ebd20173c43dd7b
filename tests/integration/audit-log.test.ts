import { describe, expect, it } from 'vitest';
import { freshDb } from '../helpers/db';
import { addSchool, addUser } from '../helpers/fixtures';
import { audit, auditLines } from '../../src/lib/server/audit';
import { saveBrokerageSettings } from '../../src/lib/server/brokerage/settings';
import { addClosure } from '../../src/lib/server/schedule/calendar';
import { adoptDraft, createDraft, discardDraft, getPolicyVersion, saveDraft } from '../../src/lib/server/analysis/policy-store';
import { deleteTemplate, loadTemplates, saveTemplate } from '../../src/lib/server/schedule/templates';

describe('the audit log page', () => {
	it('says each change in a sentence, naming the school, person or record changed', async () => {
		const db = await freshDb();
		await addSchool(db, 100001, { name: 'Oak Primary School' });
		const lead = await addUser(db, 'lead_adviser');
		await audit(db, { userId: lead.id, action: 'category.agree', entity: 'school', entityId: 100001 });
		await audit(db, { userId: lead.id, action: 'quality_mark.status', entity: 'quality_mark', entityId: '100001/basic_skills' });
		await audit(db, { userId: null, action: 'import.rollback', entity: 'import', entityId: 4 });
		await audit(db, { userId: lead.id, action: 'category.agree', entity: 'school', entityId: 999999 });
		const { lines, last } = await auditLines(db, { before: null, limit: 10 });
		expect(last).toBeNull();
		expect(lines.map((l) => [l.who, l.sentence])).toEqual([
			[lead.name, 'Agreed the category of the school with URN 999999'],
			[null, 'Rolled back import 4'],
			[lead.name, 'Changed the Quality Mark status of Oak Primary School (URN 100001)'],
			[lead.name, 'Agreed the category of Oak Primary School (URN 100001)'],
			// Adding the lead adviser's account was logged first.
			[null, `Added the account of ${lead.name}`]
		]);
		const page = await auditLines(db, { before: lines[1].id, limit: 2 });
		expect(page.lines).toHaveLength(2);
		expect(page.last).toBe(page.lines[1].id);
	});

	it('shows an admin who serves some LAs no change about another LA’s school, and everything else', async () => {
		const db = await freshDb();
		await addSchool(db, 100850, { name: 'Hampshire Primary', la_code: '850' });
		await addSchool(db, 100936, { name: 'Surrey Primary', la_code: '936' });
		const lead = await addUser(db, 'lead_adviser');
		await audit(db, { userId: lead.id, action: 'category.agree', entity: 'school', entityId: 100850 });
		await audit(db, { userId: lead.id, action: 'quality_mark.status', entity: 'quality_mark', entityId: '100850/basic_skills' });
		await audit(db, { userId: lead.id, action: 'category.agree', entity: 'school', entityId: 100936 });
		await audit(db, { userId: null, action: 'import.rollback', entity: 'import', entityId: 4 });
		const surrey = await auditLines(db, { before: null, limit: 3, served: new Set([100936]) });
		expect(surrey.lines.map((l) => l.sentence)).toEqual(['Rolled back import 4', 'Agreed the category of Surrey Primary (URN 100936)']);
		// The page held three entries, one of them left out: the next page starts before the third.
		expect(surrey.last).not.toBeNull();
		const older = await auditLines(db, { before: surrey.last, limit: 10, served: new Set([100936]) });
		expect(older.lines.map((l) => l.sentence).join('\n')).not.toContain('Hampshire');
		expect((await auditLines(db, { before: null, limit: 10 })).lines.map((l) => l.sentence).join('\n')).toContain('Hampshire Primary');
		// A change to an account the admin is not shown (another LA's headteacher, say) is left out too.
		const shown = await auditLines(db, { before: null, limit: 10, served: new Set([100936]), accounts: new Set() });
		expect(shown.lines.map((l) => l.sentence)).not.toContain(`Added the account of ${lead.name}`);
		const all = await auditLines(db, { before: null, limit: 10, served: new Set([100936]), accounts: new Set([lead.id]) });
		expect(all.lines.map((l) => l.sentence)).toContain(`Added the account of ${lead.name}`);
	});

	it('shows an admin who serves some LAs the settings every LA shares and their own LAs’, not another LA’s', async () => {
		const db = await freshDb();
		await addSchool(db, 100850, { name: 'Hampshire Primary', la_code: '850' });
		await addSchool(db, 100936, { name: 'Surrey Primary', la_code: '936' });
		const admin = await addUser(db, 'admin');
		const settings = { capacity: 2, maxDistanceKm: 20, supportingCategories: ['secure_plus' as const] };
		await saveBrokerageSettings(db, admin.id, '', settings);
		await saveBrokerageSettings(db, admin.id, '850', settings);
		await saveBrokerageSettings(db, admin.id, '936', settings);
		await addClosure(db, admin.id, '2026-12-16', 'Training day for every LA');
		await addClosure(db, admin.id, '2026-12-17', 'Hampshire training day', '850');
		await addClosure(db, admin.id, '2026-12-18', 'Surrey training day', '936');
		const sentences = async (las: ReadonlySet<string> | null) =>
			(await auditLines(db, { before: null, limit: 20, served: las && new Set([100936]), las })).lines
				.map((l) => l.sentence)
				.filter((t) => !t.startsWith('Added the account'));
		expect(await sentences(new Set(['936']))).toEqual([
			'Added the closure day 2026-12-18',
			'Added the closure day 2026-12-16',
			'Changed the school-to-school support settings of Test LA (936)',
			'Changed the school-to-school support settings of every LA'
		]);
		expect(await sentences(null)).toHaveLength(6);
	});

	it('keeps another LA’s own policy changes and template deletions from an admin who serves some LAs', async () => {
		const db = await freshDb();
		await addSchool(db, 100850, { la_code: '850' });
		await addSchool(db, 100936, { la_code: '936' });
		const admin = await addUser(db, 'admin');
		const draft = await createDraft(db, admin.id, '850');
		const stored = (await getPolicyVersion(db, draft))!;
		await saveDraft(db, draft, { name: stored.policy.name, thresholds: stored.policy.thresholds, rules: stored.policy.rules }, admin.id);
		await adoptDraft(db, draft, admin.id, 'Hampshire’s own thresholds');
		await discardDraft(db, await createDraft(db, admin.id, '850'), admin.id);
		await saveTemplate(db, admin.id, { ...(await loadTemplates(db))[0], label: 'Hampshire call' }, '850');
		// One no other template comes after.
		for (const t of (await loadTemplates(db, '850')).reverse())
			if (
				await deleteTemplate(db, admin.id, t.id, '850').then(
					() => true,
					() => false
				)
			)
				break;
		const sentences = async (las: ReadonlySet<string> | null) =>
			(await auditLines(db, { before: null, limit: 50, served: las && new Set([100936]), las })).lines
				.map((l) => l.sentence)
				.filter((t) => !t.startsWith('Added the account'));
		expect(await sentences(new Set(['936']))).toEqual([]);
		// Two drafts started, one changed and adopted, one discarded; a template changed, one deleted.
		expect(await sentences(new Set(['850']))).toHaveLength(7);
	});
});
