import type { Actions, PageServerLoad, RequestEvent } from './$types';
import { db } from '$lib/server/db';
import { act, guard, requireSettingsOf } from '$lib/server/access';
import { settingsScope, scopeQuery } from '$lib/server/schedule/settings-scope';
import { field } from '$lib/server/forms';
import { knownLas } from '$lib/server/las';
import { latestCategoryYear } from '$lib/server/analysis';
import { brokerageSettingsOf, brokerageWhatIf, resetBrokerageSettings, saveBrokerageSettings } from '$lib/server/brokerage';
import { checkBrokerageSettings, SUPPORTING_CATEGORY_CHOICES, type BrokerageSettingsInput } from '$lib/domain/brokerage';
import { CATEGORY_LABELS } from '$lib/domain/analysis/categories';
import { academicYearLabel } from '$lib/domain/ks2/types';
import { Refusal } from '$lib/domain/refusal';

/** What the form sends, as typed: kept to show again beside its errors or its what-if. */
interface Typed {
	capacity: string;
	'max-distance': string;
	'supporting-categories': string[];
	'allow-other-las': string;
}

/**
 * The LA the form is about (a field, because posting to `?/action` drops the page's query), and
 * what was typed. Only someone who serves the LA (or, for those every LA shares, every LA) may change it.
 */
async function formScope(event: RequestEvent) {
	const admin = guard(event, 'service.manage');
	const form = await event.request.formData();
	// Refused before anything else: 403 for what every LA shares, 404 for another LA's, to an admin who serves some LAs.
	requireSettingsOf(admin, field(form, 'la'), 'brokerage');
	const [view, severalLas] = await Promise.all([settingsScope(db(), admin, field(form, 'la')), hasSeveralLas()]);
	const typed: Typed = {
		capacity: field(form, 'capacity'),
		'max-distance': field(form, 'max-distance'),
		'supporting-categories': form.getAll('supporting-categories').map(String),
		'allow-other-las': field(form, 'allow-other-las')
	};
	const input: BrokerageSettingsInput = {
		capacity: typed.capacity,
		maxDistanceKm: typed['max-distance'],
		supportingCategories: typed['supporting-categories'],
		// Asked only when there are several LAs; otherwise the settings keep what they had.
		allowOtherLas: severalLas && typed['allow-other-las'] !== '' ? typed['allow-other-las'] === 'yes' : undefined
	};
	return { admin, view, typed, input };
}

const hasSeveralLas = async () => (await knownLas(db())).length > 1;

/** School-to-school support settings of an LA (or those every LA shares), with a what-if before saving. */
export const load: PageServerLoad = async (event) => {
	const user = guard(event, 'service.manage');
	const view = await settingsScope(db(), user, event.url.searchParams.get('la'));
	const [{ settings, from }, severalLas] = await Promise.all([brokerageSettingsOf(db(), view.scope), hasSeveralLas()]);
	return {
		title: 'School-to-school support settings',
		...view,
		/** `la=936&` for form actions, so the page stays with the LA chosen after one; '' when there is no choice. */
		query: scopeQuery(view),
		/** Whether to ask about support across LA boundaries: only an installation of several LAs has any. */
		severalLas,
		/** Whose these are: the LA's (or the installation's) own, those every LA shares, or the app's defaults. */
		from,
		settings: { ...settings, supportingCategories: [...settings.supportingCategories] },
		categories: SUPPORTING_CATEGORY_CHOICES.map((c) => ({ value: c, label: `${CATEGORY_LABELS[c]} schools` }))
	};
};

export const actions: Actions = {
	save: async (event) => {
		const { admin, view, typed, input } = await formScope(event);
		return act(
			async () => {
				await saveBrokerageSettings(db(), admin.id, view.scope, input);
				const whose = view.isLa ? ` of ${view.whose}` : view.options ? ' every LA shares' : '';
				return { done: `The school-to-school support settings${whose} are saved. Proposals use them from now on.` };
			},
			{ values: typed }
		);
	},
	check: async (event) => {
		const { view, typed, input } = await formScope(event);
		return act(
			async () => {
				const current = await brokerageSettingsOf(db(), view.scope);
				const check = checkBrokerageSettings(input, current.settings);
				if (!check.ok) throw Refusal.fields(check.errors);
				const year = await latestCategoryYear(db());
				if (year === null) return { values: typed, whatIf: null };
				const counts = await brokerageWhatIf(db(), { year, scope: view.scope, draft: check.settings });
				return { values: typed, whatIf: { ...counts, yearLabel: academicYearLabel(year) } };
			},
			{ values: typed }
		);
	},
	reset: async (event) => {
		const admin = guard(event, 'service.manage');
		const la = field(await event.request.formData(), 'la');
		requireSettingsOf(admin, la, 'brokerage');
		const { scope, whose } = await settingsScope(db(), admin, la);
		return act(async () => {
			await resetBrokerageSettings(db(), admin.id, scope);
			return {
				done:
					scope === ''
						? 'The school-to-school support settings are back to the defaults.'
						: `${whose} uses the school-to-school support settings every LA shares again.`
			};
		});
	}
};
