import type { Category } from '../analysis/categories';
import type { BrokerageSettings } from './types';

/** The categories an LA may let support others, best first: the strategy's Secure Plus, then Secure. */
export const SUPPORTING_CATEGORY_CHOICES = ['secure_plus', 'secure'] as const satisfies readonly Category[];

export const CAPACITY_LIMITS = { min: 1, max: 10 } as const;
export const DISTANCE_LIMITS_KM = { min: 1, max: 100 } as const;

/**
 * Brokerage settings as a form sends them. Each key's error is under the form field's id:
 * `capacity`, `max-distance`, `supporting-categories` (the first checkbox), `allow-other-las`.
 */
export interface BrokerageSettingsInput {
	capacity: string | number;
	maxDistanceKm: string | number;
	supportingCategories: readonly string[];
	/** Left out when the form does not ask (an installation of one LA): the settings keep what they had. */
	allowOtherLas?: boolean;
}

export type BrokerageSettingsCheck = { ok: true; settings: BrokerageSettings } | { ok: false; errors: Record<string, string> };

/**
 * Reads and checks brokerage settings as typed, in plain words: a capacity of 1 to 10 schools, a
 * distance of 1 to 100 km (to 0.1 km), and Secure Plus, Secure or both as the categories that may
 * support (kept best first, whatever order they came in). `current` fills in what the form did not ask.
 */
export function checkBrokerageSettings(input: BrokerageSettingsInput, current: BrokerageSettings): BrokerageSettingsCheck {
	const errors: Record<string, string> = {};

	const capacityText = String(input.capacity).trim();
	const capacity = Number(capacityText);
	if (capacityText === '') errors.capacity = 'Enter how many schools one supporter may support at a time';
	else if (!/^\d+$/.test(capacityText)) errors.capacity = 'How many schools one supporter may support must be a whole number, like 2';
	else if (capacity < CAPACITY_LIMITS.min || capacity > CAPACITY_LIMITS.max)
		errors.capacity = `How many schools one supporter may support must be between ${CAPACITY_LIMITS.min} and ${CAPACITY_LIMITS.max}`;

	const distanceText = String(input.maxDistanceKm).trim();
	const distance = Number(distanceText);
	if (distanceText === '') errors['max-distance'] = 'Enter the farthest a supporting school may be, in kilometres';
	else if (!/^\d+(\.\d)?$/.test(distanceText)) errors['max-distance'] = 'The farthest distance must be a number of kilometres, like 25 or 12.5';
	else if (distance < DISTANCE_LIMITS_KM.min || distance > DISTANCE_LIMITS_KM.max)
		errors['max-distance'] = `The farthest distance must be between ${DISTANCE_LIMITS_KM.min} and ${DISTANCE_LIMITS_KM.max} km`;

	const asked = new Set(input.supportingCategories);
	const unknown = [...asked].filter((c) => !(SUPPORTING_CATEGORY_CHOICES as readonly string[]).includes(c));
	if (unknown.length > 0) errors['supporting-categories'] = 'Only Secure Plus and Secure schools may support others';
	else if (asked.size === 0) errors['supporting-categories'] = 'Choose at least one category of school that may support others';

	if (Object.keys(errors).length > 0) return { ok: false, errors };
	return {
		ok: true,
		settings: {
			capacity,
			maxDistanceKm: distance,
			supportingCategories: SUPPORTING_CATEGORY_CHOICES.filter((c) => asked.has(c)),
			allowOtherLas: input.allowOtherLas ?? current.allowOtherLas
		}
	};
}
