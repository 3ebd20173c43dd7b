import { describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { anotherConnection, freshDb, whileHeld } from '../helpers/db';
import { dialectOf } from '../../src/lib/server/db/dialect';
import { addUser } from '../helpers/fixtures';
import { addTemplate, deleteTemplate, loadTemplates, resetTemplates, saveTemplate, templateFromForm } from '../../src/lib/server/schedule';
import { DEFAULT_TEMPLATES } from '../../src/lib/domain/planner/default-templates';
import { daysPerSchool } from '../../src/lib/domain/planner/templates';
import { Refusal } from '../../src/lib/domain/refusal';

async function refusal(run: () => Promise<unknown>): Promise<Refusal> {
	const error = await run().then(
		() => null,
		(e: unknown) => e
	);
	expect(error).toBeInstanceOf(Refusal);
	return error as Refusal;
}

describe('engagement templates', () => {
	it('ship as the default templates, each with its category, costing 0.25 to 10 days a school', async () => {
		const db = await freshDb();
		const templates = await loadTemplates(db);
		expect(templates).toEqual(DEFAULT_TEMPLATES);
		expect(daysPerSchool(templates)).toEqual({ secure_plus: 0.25, secure: 0.75, light_touch: 1, focus: 5.75, intensive: 10 });
		expect(new Set(templates.map((t) => t.category))).toEqual(new Set(['secure_plus', 'secure', 'light_touch', 'focus', 'intensive']));
	});

	it('an admin edits one, and the change is kept and audited', async () => {
		const db = await freshDb();
		const admin = await addUser(db, 'admin');
		const review = (await loadTemplates(db)).find((t) => t.id === 'focus.review')!;
		await saveTemplate(db, admin.id, { ...review, count: 4, label: 'Review with the head' });
		const saved = (await loadTemplates(db)).find((t) => t.id === 'focus.review')!;
		expect(saved).toMatchObject({ count: 4, label: 'Review with the head', category: 'focus' });
		expect(daysPerSchool(await loadTemplates(db)).focus).toBe(6.75);
		const log = await db.selectFrom('audit_log').selectAll().where('entity', '=', 'engagement_template').execute();
		expect(log.map((l) => [l.action, l.entity_id])).toEqual([['engagement_template.update', 'focus.review']]);
	});

	it('keeps both edits when two admins save different templates at the same moment (on PostgreSQL, from two app servers)', async () => {
		const db = await freshDb();
		const admin = await addUser(db, 'admin');
		const other = dialectOf(db) === 'postgres' ? anotherConnection(db) : db;
		const [review, visit] = ['focus.review', 'intensive.project_board'].map((id) => DEFAULT_TEMPLATES.find((t) => t.id === id)!);
		// On PostgreSQL both have read the templates before either may write them.
		await whileHeld(db, sql`select id from engagement_templates for update`, () =>
			Promise.all([
				saveTemplate(db, admin.id, { ...review, label: 'Review with the head' }),
				saveTemplate(other, admin.id, { ...visit, label: 'Board with governors' })
			])
		);
		const saved = await loadTemplates(db);
		expect(saved.find((t) => t.id === review.id)?.label).toBe('Review with the head');
		expect(saved.find((t) => t.id === visit.id)?.label).toBe('Board with governors');
		expect(saved).toHaveLength(DEFAULT_TEMPLATES.length);
	});

	it('refuses impossible values in plain English, next to the field, and changes nothing', async () => {
		const db = await freshDb();
		const admin = await addUser(db, 'admin');
		const review = (await loadTemplates(db)).find((t) => t.id === 'focus.review')!;
		const error = await refusal(() => saveTemplate(db, admin.id, { ...review, count: 0, days: 1.3, window: { from: 'summer_2', to: 'autumn_1' } }));
		expect(error.errors.count).toBe('The number of times "SIA-led review" (Focus support) happens in a year must be a whole number from 1 to 20.');
		expect(error.errors.days).toMatch(/must be 0, 0.25, 0.5, 0.75 or 1 day/);
		expect(error.errors.window_from).toBe('The window for "SIA-led review" (Focus support) ends in autumn 1, before it starts in summer 2.');
		expect(await loadTemplates(db)).toEqual(DEFAULT_TEMPLATES);
	});

	it('refuses an order that goes round in a circle', async () => {
		const db = await freshDb();
		const admin = await addUser(db, 'admin');
		const desk = (await loadTemplates(db)).find((t) => t.id === 'focus.desktop_analysis')!;
		const error = await refusal(() => saveTemplate(db, admin.id, { ...desk, after: ['focus.review'] }));
		expect(error.message).toMatch(/goes round in a circle/);
	});

	it('adds a template to a category, deletes it, refuses to delete one others follow, and resets', async () => {
		const db = await freshDb();
		const admin = await addUser(db, 'admin');
		const id = await addTemplate(db, admin.id, {
			category: 'secure',
			activity: 'visit',
			label: 'Summer visit',
			count: 1,
			window: { from: 'summer_1', to: 'summer_2' },
			withinWeeks: null,
			days: 0.5,
			mode: 'on_site',
			after: ['secure.progress_call'],
			minWeeksApart: null
		});
		expect(id).toBe('secure.summer_visit');
		const templates = await loadTemplates(db);
		expect(templates.map((t) => t.id).indexOf(id)).toBe(templates.map((t) => t.id).indexOf('secure.progress_call') + 1);
		expect(daysPerSchool(templates).secure).toBe(1.25);

		const blocked = await refusal(() => deleteTemplate(db, admin.id, 'secure.progress_call'));
		expect(blocked.message).toBe('"Summer visit" is set to come after "Follow-up telephone discussion of progress". Change that first, then delete it.');
		await deleteTemplate(db, admin.id, id);
		expect(await loadTemplates(db)).toEqual(DEFAULT_TEMPLATES);

		await saveTemplate(db, admin.id, { ...templates.find((t) => t.id === 'secure.se_summary_call')!, days: 0.5 });
		await resetTemplates(db, admin.id);
		expect(await loadTemplates(db)).toEqual(DEFAULT_TEMPLATES);
	});

	it('reads each engagement it comes after once, however often the form names it', () => {
		const form = new FormData();
		for (const after of ['focus.review', 'focus.review', '', 'focus.initial_visit']) form.append('after', after);
		expect(templateFromForm(form).after).toEqual(['focus.review', 'focus.initial_visit']);
	});
});
