import { describe, expect, it } from 'vitest';
import { errorListOf, refusalSummary } from './errors';

describe('the error summary of a refused form', () => {
	it.each([
		['no form sent', null, '', []],
		[
			'a problem with a field, its id prefixed',
			{ message: 'Check the entry', errors: { date: 'Enter the date' } },
			'grade-',
			[{ field: 'grade-date', message: 'Enter the date' }]
		],
		[
			'a refusal naming no field',
			{ message: 'That inspection has been withdrawn', errors: {} },
			'correct-',
			[{ message: 'That inspection has been withdrawn' }]
		]
	])('%s', (_, form, prefix, expected) => {
		expect(refusalSummary(form, prefix)).toEqual(expected);
	});

	it('keeps the form order and leaves out fields with no problem', () => {
		expect(errorListOf({ name: 'Enter a name', email: undefined, role: 'Choose a role' })).toEqual([
			{ field: 'name', message: 'Enter a name' },
			{ field: 'role', message: 'Choose a role' }
		]);
	});
});
