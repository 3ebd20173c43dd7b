import { describe, expect, it } from 'vitest';
import {
	emptySections,
	nextStatus,
	parseSections,
	schoolYearOf,
	sectionProblems,
	sectionsFromForm,
	SE_SECTIONS,
	type SeAction,
	type SeStatus
} from './summary';

function complete() {
	const s = emptySections();
	for (const { key } of SE_SECTIONS) s[key] = { judgement: 'expected_standard', evidence: 'Seen in books', nextSteps: 'Keep going' };
	return s;
}

describe('SE summary sections', () => {
	it('has the seven sections of the summary, in order', () => {
		expect(SE_SECTIONS.map((s) => s.key)).toEqual(['achievement', 'assessment', 'disadvantaged', 'teaching', 'leadership', 'governance', 'priorities']);
	});

	it('reads form fields, trimming text and dropping unknown judgements', () => {
		const fields: Record<string, string> = {
			'achievement.judgement': 'strong_standard',
			'achievement.evidence': '  KS2 up 8 points ',
			'teaching.judgement': 'outstanding'
		};
		const s = sectionsFromForm((n) => fields[n] ?? '');
		expect(s.achievement).toEqual({ judgement: 'strong_standard', evidence: 'KS2 up 8 points', nextSteps: '' });
		expect(s.teaching.judgement).toBeNull();
	});

	it('parses stored JSON defensively', () => {
		const s = parseSections(JSON.stringify({ governance: { judgement: 'needs_attention', evidence: 'x', nextSteps: 7 }, bogus: {} }));
		expect(s.governance).toEqual({ judgement: 'needs_attention', evidence: 'x', nextSteps: '' });
		expect(s.achievement).toEqual({ judgement: null, evidence: '', nextSteps: '' });
		expect(parseSections(null)).toEqual(emptySections());
	});

	it('a draft can be saved half-written, but a submission needs every section', () => {
		const draft = emptySections();
		expect(sectionProblems(draft, false)).toEqual({});
		const problems = sectionProblems(draft, true);
		expect(Object.keys(problems)).toHaveLength(21);
		expect(problems['governance.judgement']).toBe('Select a judgement for governance');
		expect(problems['disadvantaged.evidence']).toBe('Enter the evidence for the disadvantaged gap');
		expect(sectionProblems(complete(), true)).toEqual({});
	});

	it('refuses over-long text even in a draft', () => {
		const s = complete();
		s.teaching.evidence = 'x'.repeat(5001);
		expect(sectionProblems(s, false)).toEqual({ 'teaching.evidence': 'Evidence for quality of teaching must be 5000 characters or fewer' });
	});
});

describe('status', () => {
	it.each<[SeStatus, SeAction, 'school' | 'adviser', SeStatus | string]>([
		['draft', 'save', 'school', 'draft'],
		['draft', 'submit', 'school', 'submitted'],
		['submitted', 'review', 'adviser', 'reviewed'],
		['reviewed', 'agree', 'adviser', 'agreed'],
		['submitted', 'agree', 'adviser', 'agreed'],
		['reviewed', 'return', 'adviser', 'draft'],
		['submitted', 'save', 'school', 'This summary has been submitted, so it cannot be changed. Ask your adviser to return it if you need to change it.'],
		['agreed', 'submit', 'school', 'This summary has already been submitted'],
		['draft', 'review', 'adviser', 'Only a submitted summary can be marked as reviewed'],
		['agreed', 'return', 'adviser', 'Only a submitted or reviewed summary can be returned to the school'],
		['submitted', 'agree', 'school', 'Only the school’s adviser can do this'],
		['draft', 'submit', 'adviser', 'Only the school can change its summary']
	])('%s + %s by %s gives %s', (from, action, by, expected) => {
		const result = nextStatus(from, action, by);
		if (expected === 'draft' || expected === 'submitted' || expected === 'reviewed' || expected === 'agreed') {
			expect(result).toEqual({ ok: true, status: expected });
		} else {
			expect(result).toEqual({ ok: false, message: expected });
		}
	});
});

describe('schoolYearOf', () => {
	it.each([
		['2026-11-22', 2027],
		['2026-09-01', 2027],
		['2026-08-31', 2026],
		['2027-01-05', 2027]
	])('%s is in the school year ending %i', (date, year) => {
		expect(schoolYearOf(date)).toBe(year);
	});
});
