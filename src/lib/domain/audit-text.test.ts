import { describe, expect, it } from 'vitest';
import { AUDIT_SENTENCES, auditSentence } from './audit-text';

describe('the audit log in sentences', () => {
	it.each([
		['category.agree', { entity: 'school', entityId: '100001', name: 'Oak Primary School' }, 'Agreed the category of Oak Primary School (URN 100001)'],
		['category.agree', { entity: 'school', entityId: '100001', name: null }, 'Agreed the category of the school with URN 100001'],
		['import.rollback', { entity: 'import', entityId: '12' }, 'Rolled back import 12'],
		['user.create', { entity: 'user', entityId: '7', name: 'Nia Roberts' }, 'Added the account of Nia Roberts'],
		[
			'engagement.move',
			{ entity: 'engagement', entityId: '219', name: 'Autumn visit, Oak Primary School' },
			'Moved Autumn visit, Oak Primary School (engagement 219)'
		],
		[
			'quality_mark.status',
			{ entity: 'quality_mark', entityId: '100001/basic_skills', name: 'Oak Primary School' },
			'Changed the Quality Mark status of Oak Primary School (URN 100001)'
		],
		['term_dates.update', { entity: 'term_dates', entityId: '2027' }, 'Changed the term dates of 2026/27'],
		['closure_day.create', { entity: 'closure_day', entityId: '2026-12-18' }, 'Added the closure day 2026-12-18'],
		[
			'engagement_template.update',
			{ entity: 'engagement_template', entityId: 'focus.review', name: 'SIA-led review' },
			'Changed the engagement template “SIA-led review”'
		],
		['engagement_template.delete', { entity: 'engagement_template', entityId: 'focus.review' }, 'Removed the engagement template “focus review”'],
		[
			'brokerage_settings.update',
			{ entity: 'brokerage_settings', entityId: '936', name: 'Surrey (936)' },
			'Changed the school-to-school support settings of Surrey (936)'
		],
		['brokerage_settings.update', { entity: 'brokerage_settings', entityId: '936' }, 'Changed the school-to-school support settings of LA 936'],
		['brokerage_settings.reset', { entity: 'brokerage_settings', entityId: '' }, 'Put back the usual school-to-school support settings of every LA'],
		['policy.adopt', { entity: 'policy', entityId: '3' }, 'Adopted a new policy'],
		['something.old', { entity: 'thing', entityId: '1' }, 'something.old']
	])('%s on %o: %s', (action, subject, sentence) => {
		expect(auditSentence(action, subject)).toBe(sentence);
	});

	it('has a sentence in plain words for every code: sentence case, no code left in it', () => {
		for (const [code, sentence] of Object.entries(AUDIT_SENTENCES)) {
			expect(sentence, code).toMatch(/^[A-Z]/);
			expect(sentence, code).not.toMatch(/\b[a-z_]+\.[a-z_]+\b/);
		}
	});
});
