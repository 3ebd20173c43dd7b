import type { Db } from '../db';
import { audit } from '../audit';
import { oneAtATime } from '../db/dialect';
import type { AuditAction } from '../../domain/audit-text';
import { nowIso } from '../clock';
import { Refusal } from '../../domain/refusal';
import { isCategory, type Category } from '../../domain/analysis/categories';
import { DEFAULT_TEMPLATES } from '../../domain/planner/default-templates';
import { validateTemplates, type TemplateProblem } from '../../domain/planner/validate-templates';
import type { EngagementTemplate } from '../../domain/planner/templates';
import type { EngagementTemplatesTable } from '../db/schema/schedule';
import { INSTALLATION, type SettingsScope } from './calendar';

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

function toRow(template: EngagementTemplate, position: number, userId: number | null, scope: SettingsScope): EngagementTemplatesTable {
	return {
		la_code: scope,
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

/**
 * The engagement templates the planner uses for an LA, in the order admins arranged them: the LA's
 * own if it has any, else the installation's (''). `from` says whose they are.
 */
export async function templatesOf(db: Db, scope: SettingsScope = INSTALLATION): Promise<{ templates: EngagementTemplate[]; from: SettingsScope }> {
	const rows = await db
		.selectFrom('engagement_templates')
		.selectAll()
		.where('la_code', 'in', [...new Set([INSTALLATION, scope])])
		.orderBy('position')
		.orderBy('id')
		.execute();
	const from = rows.some((r) => r.la_code === scope) ? scope : INSTALLATION;
	return { templates: rows.filter((r) => r.la_code === from).map(fromRow), from };
}

/** The engagement templates an LA (or, with '', the installation) plans with. */
export async function loadTemplates(db: Db, scope: SettingsScope = INSTALLATION): Promise<EngagementTemplate[]> {
	return (await templatesOf(db, scope)).templates;
}

/** The LAs that have engagement templates of their own. */
export async function lasWithOwnTemplates(db: Db): Promise<string[]> {
	const rows = await db.selectFrom('engagement_templates').select('la_code').distinct().where('la_code', '!=', INSTALLATION).orderBy('la_code').execute();
	return rows.map((r) => r.la_code);
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

interface Change {
	next: EngagementTemplate[];
	editedId: string;
	action: AuditAction;
	before: unknown;
	after: unknown;
}

/**
 * Replaces the whole set of templates of the installation or of one LA with what `change` makes of
 * the set as it is now, if, taken together, they pass the planner's checks; otherwise changes
 * nothing. Every write goes through here so a set is never half valid. The set is read inside the
 * write's transaction, after any other change of templates has finished, so two admins saving at
 * once both keep their edit. The first change an LA makes gives it a set of its own: the
 * installation's as they were, with that change.
 */
async function replaceAll(db: Db, scope: SettingsScope, userId: number, change: (current: EngagementTemplate[]) => Change): Promise<void> {
	await db.transaction().execute(async (trx) => {
		await oneAtATime(trx, 'templates');
		const { next, editedId, action, before, after } = change(await loadTemplates(trx, scope));
		const problems = validateTemplates(next);
		if (problems.length > 0) throw refusal(problems, editedId);
		await trx.deleteFrom('engagement_templates').where('la_code', '=', scope).execute();
		await trx
			.insertInto('engagement_templates')
			.values(next.map((t, i) => toRow(t, i, userId, scope)))
			.execute();
		await audit(trx, {
			userId,
			action,
			entity: 'engagement_template',
			entityId: editedId,
			// An LA's own template says which LA: in `after`, or for a deletion, in `before`.
			before: scope === INSTALLATION || after !== undefined || before === undefined ? before : { la: scope, ...(before as object) },
			after: scope === INSTALLATION || after === undefined ? after : { la: scope, ...(after as object) }
		});
	});
}

const GONE = 'That engagement no longer exists. It may have been deleted.';

export async function saveTemplate(db: Db, userId: number, template: EngagementTemplate, scope: SettingsScope = INSTALLATION): Promise<void> {
	await replaceAll(db, scope, userId, (current) => {
		const index = current.findIndex((t) => t.id === template.id);
		if (index < 0) throw new Refusal(GONE, { status: 404 });
		const next = current.map((t, i) => (i === index ? { ...template, category: t.category } : t));
		return { next, editedId: template.id, action: 'engagement_template.update', before: current[index], after: next[index] };
	});
}

/** Adds a template at the end of its category. Its id is made from the category and label. */
export async function addTemplate(db: Db, userId: number, template: Omit<EngagementTemplate, 'id'>, scope: SettingsScope = INSTALLATION): Promise<string> {
	if (!isCategory(template.category)) throw new Refusal('Choose the category this engagement belongs to.', { field: 'category' });
	let id = '';
	await replaceAll(db, scope, userId, (current) => {
		id = uniqueId(template.category, template.label, new Set(current.map((t) => t.id)));
		const created = { ...template, id };
		const lastOfCategory = current.map((t) => t.category).lastIndexOf(template.category);
		const next = [...current];
		next.splice(lastOfCategory < 0 ? next.length : lastOfCategory + 1, 0, created);
		return { next, editedId: id, action: 'engagement_template.create', before: undefined, after: created };
	});
	return id;
}

export async function deleteTemplate(db: Db, userId: number, id: string, scope: SettingsScope = INSTALLATION): Promise<void> {
	await replaceAll(db, scope, userId, (current) => {
		const existing = current.find((t) => t.id === id);
		if (!existing) throw new Refusal(GONE, { status: 404 });
		const followers = current.filter((t) => t.after.includes(id));
		if (followers.length > 0) {
			const names = followers.map((t) => `"${t.label}"`).join(' and ');
			throw new Refusal(
				`${names} ${followers.length === 1 ? 'is' : 'are'} set to come after "${existing.label}". Change ${followers.length === 1 ? 'that' : 'those'} first, then delete it.`
			);
		}
		return { next: current.filter((t) => t.id !== id), editedId: id, action: 'engagement_template.delete', before: existing, after: undefined };
	});
}

/**
 * Puts back the default templates (docs/scheduling.md, What each category promises), replacing
 * every edit of the installation's; for an LA, drops its own so it uses the installation's again.
 */
export async function resetTemplates(db: Db, userId: number, scope: SettingsScope = INSTALLATION): Promise<void> {
	if (scope !== INSTALLATION) {
		await db.transaction().execute(async (trx) => {
			await oneAtATime(trx, 'templates');
			const { templates: current, from } = await templatesOf(trx, scope);
			if (from !== scope) throw new Refusal('This LA already uses the templates every LA shares.');
			await trx.deleteFrom('engagement_templates').where('la_code', '=', scope).execute();
			await audit(trx, {
				userId,
				action: 'engagement_template.reset',
				entity: 'engagement_template',
				entityId: 'all',
				before: current,
				after: { la: scope, uses: 'every LA’s templates' }
			});
		});
		return;
	}
	await replaceAll(db, scope, userId, (current) => ({
		next: DEFAULT_TEMPLATES.map((t) => ({ ...t, after: [...t.after], window: { ...t.window } })),
		editedId: 'all',
		action: 'engagement_template.reset',
		before: current,
		after: 'defaults'
	}));
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
