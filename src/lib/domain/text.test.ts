import { describe, expect, it } from 'vitest';
import { controlCharacterWords, emailProblem, hasControlCharacter, withoutNul } from './text';

describe('NUL characters', () => {
	it.each([
		['Help please', 'Help please'],
		['Help\u0000 please', 'Help please'],
		['\u0000\u0000', ''],
		['Line one\nline two\ttab', 'Line one\nline two\ttab']
	])('%j becomes %j', (text, kept) => {
		expect(withoutNul(text)).toBe(kept);
	});
});

describe('control characters', () => {
	it.each([
		['Oakfield Primary School', null],
		['St Mary’s CofE (VA) Primary – Ash', null],
		['Oak\r\nBEGIN:VEVENT', 'a line break'],
		['Oak\nfield', 'a line break'],
		['Oak\u2028field', 'a line break'],
		['Oak\tfield', 'a tab'],
		['Oak\u0000field', 'an invisible control character'],
		['Oak\u007ffield', 'an invisible control character'],
		['Oak\u0085field', 'an invisible control character']
	])('%j: %s', (text, words) => {
		expect(controlCharacterWords(text)).toBe(words);
		expect(hasControlCharacter(text)).toBe(words !== null);
	});
});

describe('emailProblem', () => {
	it.each([
		['jane.smith@westmoor.gov.uk', null],
		['j.o-brien+triage@school.example.org', null],
		['', 'Enter an email address'],
		['jane smith@example.org', 'Enter an email address in the correct format, like name@example.org'],
		['jane@example', 'Enter an email address in the correct format, like name@example.org'],
		['jane@exa\nmple.org', 'The email address contains a line break. Type it again on one line'],
		[
			'j\u0430ne@example.org',
			'The email address contains “\u0430”, which is not a plain English letter (it may look like one). Type the address again using your keyboard'
		],
		[
			'jane@ex\u0430mple.org',
			'The email address contains “\u0430”, which is not a plain English letter (it may look like one). Type the address again using your keyboard'
		],
		[
			'jané@example.org',
			'The email address contains “é”, which is not a plain English letter (it may look like one). Type the address again using your keyboard'
		],
		[`${'a'.repeat(250)}@example.org`, 'Email address must be 254 characters or fewer']
	])('%j', (email, problem) => {
		expect(emailProblem(email)).toBe(problem);
	});
});
