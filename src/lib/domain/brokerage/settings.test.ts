import { describe, expect, it } from 'vitest';
import { DEFAULT_BROKERAGE_SETTINGS } from './match';
import { checkBrokerageSettings, type BrokerageSettingsInput } from './settings';

const good: BrokerageSettingsInput = { capacity: '3', maxDistanceKm: '12.5', supportingCategories: ['secure'], allowOtherLas: true };

describe('checkBrokerageSettings', () => {
	it('reads the settings as typed', () => {
		expect(checkBrokerageSettings(good, DEFAULT_BROKERAGE_SETTINGS)).toEqual({
			ok: true,
			settings: { capacity: 3, maxDistanceKm: 12.5, supportingCategories: ['secure'], allowOtherLas: true }
		});
	});

	it('keeps the categories best first, and what the form did not ask as it was', () => {
		const current = { ...DEFAULT_BROKERAGE_SETTINGS, allowOtherLas: true };
		const check = checkBrokerageSettings({ capacity: 1, maxDistanceKm: 100, supportingCategories: ['secure', 'secure_plus', 'secure'] }, current);
		expect(check).toEqual({ ok: true, settings: { capacity: 1, maxDistanceKm: 100, supportingCategories: ['secure_plus', 'secure'], allowOtherLas: true } });
	});

	/** Each case: what was typed differently from `good`, and the errors by field id. */
	const REFUSED: [string, Partial<BrokerageSettingsInput>, Record<string, string>][] = [
		['no capacity', { capacity: ' ' }, { capacity: 'Enter how many schools one supporter may support at a time' }],
		['a fraction of a school', { capacity: '1.5' }, { capacity: 'How many schools one supporter may support must be a whole number, like 2' }],
		['a word for a capacity', { capacity: 'two' }, { capacity: 'How many schools one supporter may support must be a whole number, like 2' }],
		['no capacity at all', { capacity: '0' }, { capacity: 'How many schools one supporter may support must be between 1 and 10' }],
		['too many schools', { capacity: '11' }, { capacity: 'How many schools one supporter may support must be between 1 and 10' }],
		['no distance', { maxDistanceKm: '' }, { 'max-distance': 'Enter the farthest a supporting school may be, in kilometres' }],
		['a distance with units', { maxDistanceKm: '25km' }, { 'max-distance': 'The farthest distance must be a number of kilometres, like 25 or 12.5' }],
		['a distance to the metre', { maxDistanceKm: '12.25' }, { 'max-distance': 'The farthest distance must be a number of kilometres, like 25 or 12.5' }],
		['a negative distance', { maxDistanceKm: '-5' }, { 'max-distance': 'The farthest distance must be a number of kilometres, like 25 or 12.5' }],
		['too short a distance', { maxDistanceKm: '0.5' }, { 'max-distance': 'The farthest distance must be between 1 and 100 km' }],
		['too long a distance', { maxDistanceKm: '101' }, { 'max-distance': 'The farthest distance must be between 1 and 100 km' }],
		['no category', { supportingCategories: [] }, { 'supporting-categories': 'Choose at least one category of school that may support others' }],
		[
			'a category that needs support itself',
			{ supportingCategories: ['secure', 'focus'] },
			{ 'supporting-categories': 'Only Secure Plus and Secure schools may support others' }
		],
		[
			'several fields at once',
			{ capacity: '', maxDistanceKm: '200', supportingCategories: [] },
			{
				capacity: 'Enter how many schools one supporter may support at a time',
				'max-distance': 'The farthest distance must be between 1 and 100 km',
				'supporting-categories': 'Choose at least one category of school that may support others'
			}
		]
	];
	it.each(REFUSED)('refuses %s, in plain words by field', (_, change, errors) => {
		expect(checkBrokerageSettings({ ...good, ...change }, DEFAULT_BROKERAGE_SETTINGS)).toEqual({ ok: false, errors });
	});
});
