import { THRESHOLD_FIELDS, type PolicyRule, type PolicyThresholds } from '../../domain/analysis/policy';

/**
 * The admin form's fields as `saveDraft` takes them. Each rule has a position (rules are sorted by
 * it; ties and blanks keep their current order), a category and an on/off checkbox.
 * Values stay strings: validatePolicy reads them and names any that are wrong.
 */
export function policyFromForm(form: FormData, currentRules: readonly PolicyRule[]) {
	const text = (name: string) => {
		const v = form.get(name);
		return typeof v === 'string' ? v.trim() : '';
	};
	const thresholds = Object.fromEntries((Object.keys(THRESHOLD_FIELDS) as (keyof PolicyThresholds)[]).map((k) => [k, text(`thresholds.${k}`)]));
	const rules = currentRules
		.map((rule, index) => {
			const position = Number(text(`rules.${rule.id}.position`));
			return {
				rule: { id: rule.id, category: text(`rules.${rule.id}.category`) || rule.category, enabled: form.get(`rules.${rule.id}.enabled`) === 'on' },
				position: text(`rules.${rule.id}.position`) !== '' && Number.isFinite(position) ? position : index + 1,
				index
			};
		})
		.sort((a, b) => a.position - b.position || a.index - b.index)
		.map((r) => r.rule);
	return { name: text('name'), thresholds, rules };
}
