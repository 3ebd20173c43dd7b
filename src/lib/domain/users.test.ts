import { describe, expect, it } from 'vitest';
import { parseUrnList, validateUserInput } from './users';

describe('parseUrnList', () => {
	it.each([
		['', []],
		['116000', [116000]],
		['116001, 116000 116001;100000', [100000, 116000, 116001]],
		['abc', null],
		['12.5', null],
		['-3', null]
	])('%j gives %j', (text, expected) => {
		expect(parseUrnList(text)).toEqual(expected);
	});
});

describe('validateUserInput', () => {
	const good = { email: ' Ann@Example.org ', name: ' Ann Lee ', role: 'adviser', schools: '' };

	it('cleans a valid adviser', () => {
		expect(validateUserInput(good)).toEqual({
			ok: true,
			value: { email: 'ann@example.org', name: 'Ann Lee', role: 'adviser', schoolUrns: [] }
		});
	});

	it.each([
		[{ email: '' }, 'email', 'Enter an email address'],
		[{ email: 'not-an-email' }, 'email', 'Enter an email address in the correct format, like name@example.org'],
		[{ name: '  ' }, 'name', 'Enter a name'],
		[{ name: 'Ann\r\nLee' }, 'name', 'The name contains a line break. Type it again on one line'],
		[{ name: 'Ann\u0000Lee' }, 'name', 'The name contains an invisible control character. Type it again on one line'],
		[
			{ email: 'ann@ex\u0430mple.org' },
			'email',
			'The email address contains “\u0430”, which is not a plain English letter (it may look like one). Type the address again using your keyboard'
		],
		[{ role: 'superuser' }, 'role', 'Select a role'],
		[{ role: 'headteacher', schools: '' }, 'schools', 'Enter the URN of at least one school for a headteacher'],
		[{ role: 'headteacher', schools: 'x1' }, 'schools', 'Enter school URNs as numbers, separated by commas']
	])('refuses %j', (change, field, message) => {
		const result = validateUserInput({ ...good, ...change });
		expect(result.ok).toBe(false);
		if (!result.ok) expect(result.errors[field as keyof typeof result.errors]).toBe(message);
	});

	it('keeps school links only for headteachers', () => {
		const result = validateUserInput({ ...good, schools: '116000' });
		expect(result.ok && result.value.schoolUrns).toEqual([]);
		const head = validateUserInput({ ...good, role: 'headteacher', schools: '116000' });
		expect(head.ok && head.value.schoolUrns).toEqual([116000]);
	});
});
