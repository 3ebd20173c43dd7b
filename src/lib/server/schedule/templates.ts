import type { Db } from '../db';
import { audit } from '../audit';
import type { AuditAction } from '../../domain/audit-text';
import { nowIso } from '../clock';
import { Refusal } from '../../domain/refusal';
import { isCategory, type Category } from '../../domain/analysis/categories';
import { DEFAULT_TEMPLATES } from '../../domain/planner/default-templates';
import { validateTemplates, type TemplateProblem } from '../../domain/planner/validate-templates';
import type { EngagementTemplate } from '../../domain/planner/templates';
import type { EngagementTemplatesTable } from '../db/schema/schedule';

function fromRow(row: EngagementTemplatesTable): EngagementTemplate {
	return {
		id: row.id,
		category: row.category,
		activity: row.activity,
		label: row.label,
		count: row.count,
		window: { from: row.window_from, to: row.window_to },
		withinWeeks: row.within_weeks,
		days: row.days,
		mode: row.mode,
		after: JSON.parse(row.after_json) as string[],
		minWeeksApart: row.min_weeks_apart
	};
}

function toRow(template: EngagementTemplate, position: number, userId: number | null): EngagementTemplatesTable {
	return {
		id: template.id,
		category: template.category,
		activity: template.activity,
		label: template.label.trim(),
		count: template.count,
		window_from: template.window.from,
		window_to: template.window.to,
		within_weeks: template.withinWeeks,
		days: template.days,
		mode: template.mode,
		after_json: JSON.stringify(template.after),
		min_weeks_apart: template.minWeeksApart,
		position,
		updated_at: nowIso(),
		updated_by: userId
	};
}

/** The engagement templates the planner uses, in the order admins arranged them. */
export async function loadTemplates(db: Db): Promise<EngagementTemplate[]> {
	const rows = await db.selectFrom('engagement_templates').selectAll().orderBy('position').orderBy('id').execute();
	return rows.map(fromRow);
}

/** The form field each template property is edited in, so a problem can point at it. */
const FIELD_IDS: Partial<Record<keyof EngagementTemplate, string>> = {
	label: 'label',
	category: 'category',
	activity: 'activity',
	count: 'count',
	window: 'window_from',
	withinWeeks: 'within_weeks',
	days: 'days',
	mode: 'mode',
	after: 'after',
	minWeeksApart: 'min_weeks_apart'
};

/** Turns validation problems into a refusal: problems with the edited template sit next to its fields. */
function refusal(problems: TemplateProblem[], editedId: string): Refusal {
	const errors: Record<string, string> = {};
	for (const p of problems) {
		const key = p.templateId === editedId && p.field ? (FIELD_IDS[p.field] ?? 'template') : 'template';
		errors[key] ??= p.message;
	}
	return new Refusal(problems[0].message, { errors });
}

/**
 * Replaces the whole set of templates with `next` if, taken together, they pass the planner's
 * checks; otherwise changes nothing. Every write goes through here so the set is never half valid.
 */
async function replaceAll(db: Db, next: EngagementTemplate[], userId: number, editedId: string, action: AuditAction, before: unknown, after: unknown) {
	const problems = validateTemplates(next);
	if (problems.length > 0) throw refusal(problems, editedId);
	await db.transaction().execute(async (trx) => {
		await trx.deleteFrom('engagement_templates').execute();
		await trx
			.insertInto('engagement_templates')
			.values(next.map((t, i) => toRow(t, i, userId)))
			.execute();
		await audit(trx, { userId, action, entity: 'engagement_template', entityId: editedId, before, after });
	});
}

export async function saveTemplate(db: Db, userId: number, template: EngagementTemplate): Promise<void> {
	const current = await loadTemplates(db);
	const index = current.findIndex((t) => t.id === template.id);
	if (index < 0) throw new Refusal('That engagement no longer exists. It may have been deleted.', { status: 404 });
	const next = current.map((t, i) => (i === index ? { ...template, category: t.category } : t));
	await replaceAll(db, next, userId, template.id, 'engagement_template.update', current[index], next[index]);
}

/** Adds a template at the end of its category. Its id is made from the category and label. */
export async function addTemplate(db: Db, userId: number, template: Omit<EngagementTemplate, 'id'>): Promise<string> {
	const current = await loadTemplates(db);
	if (!isCategory(template.category)) throw new Refusal('Choose the category this engagement belongs to.', { field: 'category' });
	const id = uniqueId(template.category, template.label, new Set(current.map((t) => t.id)));
	const created = { ...template, id };
	const lastOfCategory = current.map((t) => t.category).lastIndexOf(template.category);
	const next = [...current];
	next.splice(lastOfCategory < 0 ? next.length : lastOfCategory + 1, 0, created);
	await replaceAll(db, next, userId, id, 'engagement_template.create', undefined, created);
	return id;
}

export async function deleteTemplate(db: Db, userId: number, id: string): Promise<void> {
	const current = await loadTemplates(db);
	const existing = current.find((t) => t.id === id);
	if (!existing) throw new Refusal('That engagement no longer exists. It may have been deleted.', { status: 404 });
	const followers = current.filter((t) => t.after.includes(id));
	if (followers.length > 0) {
		const names = followers.map((t) => `"${t.label}"`).join(' and ');
		throw new Refusal(
			`${names} ${followers.length === 1 ? 'is' : 'are'} set to come after "${existing.label}". Change ${followers.length === 1 ? 'that' : 'those'} first, then delete it.`
		);
	}
	await replaceAll(
		db,
		current.filter((t) => t.id !== id),
		userId,
		id,
		'engagement_template.delete',
		existing,
		undefined
	);
}

/** Puts back the default templates (docs/scheduling.md, What each category promises), replacing every edit. */
export async function resetTemplates(db: Db, userId: number): Promise<void> {
	const current = await loadTemplates(db);
	await replaceAll(
		db,
		DEFAULT_TEMPLATES.map((t) => ({ ...t, after: [...t.after], window: { ...t.window } })),
		userId,
		'all',
		'engagement_template.reset',
		current,
		'defaults'
	);
}

function uniqueId(category: Category, label: string, taken: Set<string>): string {
	const slug =
		label
			.toLowerCase()
			.replace(/[^a-z0-9]+/g, '_')
			.replace(/^_+|_+$/g, '')
			.slice(0, 40) || 'engagement';
	let id = `${category}.${slug}`;
	for (let n = 2; taken.has(id); n++) id = `${category}.${slug}_${n}`;
	return id;
}
