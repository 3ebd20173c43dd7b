import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { aspectLevel, basicSkillsGuidance, levelLabel, pdMissing, pdProfile, whatIsMissing } from './rules';
import { BSQM, completeBasicSkillsAudit, PDQM, pdAuditWith } from './test-fixtures';

const LEVELS = PDQM.levels;
const RANK: Record<string, number> = { developing: 0, enhancing: 1, embedded: 2 };

describe('aspectLevel: the highest level at least 3 of 4 strands reach', () => {
	it.each([
		[['embedded', 'embedded', 'embedded', 'embedded'], 'embedded'],
		[['embedded', 'embedded', 'embedded', 'developing'], 'embedded'],
		[['embedded', 'embedded', 'embedded', null], 'embedded'],
		[['embedded', 'embedded', 'enhancing', 'developing'], 'enhancing'],
		[['enhancing', 'embedded', 'developing', 'enhancing'], 'enhancing'],
		[['embedded', 'embedded', 'developing', 'developing'], 'developing'],
		[['embedded', 'enhancing', 'developing', null], 'developing'],
		[['developing', 'developing', 'developing', 'developing'], 'developing'],
		[['enhancing', 'enhancing', 'enhancing', null], 'enhancing'],
		[['embedded', 'embedded', null, null], null],
		[['developing', null, null, null], null],
		[[null, null, null, null], null],
		[['embedded', 'embedded', 'outstanding', null], null]
	])('%j stands at %s', (strands, level) => {
		expect(aspectLevel(strands, LEVELS, 3)).toBe(level);
	});

	it('takes the number of strands needed from the framework, not a constant', () => {
		expect(aspectLevel(['embedded', 'embedded', null, null], LEVELS, 2)).toBe('embedded');
		expect(aspectLevel(['embedded', 'embedded', 'embedded', 'enhancing'], LEVELS, 4)).toBe('enhancing');
	});

	it('for any four judgements, 3 strands reach the result and fewer than 3 reach the level above', () => {
		const judgement = fc.constantFrom<string | null>(null, 'developing', 'enhancing', 'embedded');
		fc.assert(
			fc.property(fc.array(judgement, { minLength: 4, maxLength: 4 }), (strands) => {
				const reaching = (rank: number) => strands.filter((s) => s !== null && RANK[s] >= rank).length;
				const level = aspectLevel(strands, LEVELS, 3);
				const rank = level === null ? -1 : RANK[level];
				if (rank >= 0) expect(reaching(rank)).toBeGreaterThanOrEqual(3);
				if (rank < 2) expect(reaching(rank + 1)).toBeLessThan(3);
			})
		);
	});

	it.each([
		[null, 'Not yet Developing'],
		['enhancing', 'Enhancing']
	])('labels %s as %s', (key, label) => {
		expect(levelLabel(LEVELS, key)).toBe(label);
	});
});

describe('pdProfile', () => {
	const audit = pdAuditWith(['embedded', 'embedded', 'embedded', 'enhancing'], {
		high_quality_pd: ['enhancing', 'enhancing', 'developing', 'developing'],
		evaluating_impact: ['developing', 'developing', null, null]
	});

	it('gives each aspect its level, strands judged and what the next level needs', () => {
		expect(pdProfile(PDQM, audit).aspects.map((a) => [a.aspectKey, a.levelLabel, a.strandsJudged, a.nextLevel])).toEqual([
			['leadership', 'Embedded', 4, null],
			['high_quality_pd', 'Developing', 4, { key: 'enhancing', label: 'Enhancing', strandsShort: 1 }],
			['evaluating_impact', 'Not yet Developing', 2, { key: 'developing', label: 'Developing', strandsShort: 1 }],
			['collaboration', 'Embedded', 4, null]
		]);
	});

	it.each([
		[pdAuditWith(['embedded', 'embedded', 'embedded', 'enhancing']), 'embedded', 'Embedded'],
		[
			pdAuditWith(['embedded', 'embedded', 'embedded', 'enhancing'], { leadership: ['enhancing', 'enhancing', 'enhancing', 'enhancing'] }),
			'enhancing',
			'Enhancing'
		],
		[audit, null, 'Not yet Developing']
	])('has as its floor the lowest aspect level (%#)', (a, lowest, label) => {
		expect(pdProfile(PDQM, a)).toMatchObject({ lowestLevel: lowest, lowestLevelLabel: label });
	});
});

describe('basicSkillsGuidance', () => {
	it('recommends the award when every element is met with evidence', () => {
		expect(basicSkillsGuidance(BSQM, completeBasicSkillsAudit())).toEqual({
			recommended: true,
			metWithEvidence: 10,
			elementCount: 10,
			missing: []
		});
	});

	it.each([
		['target_setting', { met: false, evidence: 'Some', action: 'Plan' }, 'Target setting is not yet met.'],
		['resources', { met: true, evidence: '  ', action: '' }, 'Teaching and learning resources is marked met but has no evidence of impact.'],
		['review_of_progress', { met: null, evidence: '', action: '' }, 'Review of progress has not been judged yet.'],
		['monitoring_the_plan', undefined, 'Monitoring of the plan has not been judged yet.']
	] as const)('does not recommend it when %s is %j', (key, answer, message) => {
		const audit = completeBasicSkillsAudit();
		if (answer === undefined) delete audit.elements[key];
		else audit.elements[key] = { ...answer };
		expect(basicSkillsGuidance(BSQM, audit)).toEqual({ recommended: false, metWithEvidence: 9, elementCount: 10, missing: [message] });
	});
});

describe('pdMissing', () => {
	it('is empty when every aspect is embedded with evidence', () => {
		expect(pdMissing(PDQM, pdAuditWith(['embedded', 'embedded', 'embedded', 'embedded']))).toEqual([]);
	});

	it('names unjudged strands, levels without evidence and what would move each aspect up', () => {
		const audit = pdAuditWith(['embedded', 'embedded', 'embedded', 'embedded'], {
			leadership: ['enhancing', 'embedded', 'embedded', 'developing'],
			evaluating_impact: ['developing', null, null, 'enhancing']
		});
		audit.aspects.collaboration.strands.culture.evidence = '';
		expect(pdMissing(PDQM, audit)).toEqual([
			'Leadership of professional development stands at Enhancing. 1 more strand at Embedded or above would move it up to Embedded.',
			'Evaluating the impact of professional development: Culture has not been judged yet.',
			'Evaluating the impact of professional development: Strategy and policy has not been judged yet.',
			'Evaluating the impact of professional development is not yet Developing. 1 more strand at Developing or above would move it up to Developing.',
			'Collaboration and partnerships: Culture is judged Embedded but has no evidence.'
		]);
	});

	it('puts the count of strands short in words that agree with it', () => {
		const audit = pdAuditWith(['embedded', 'embedded', 'embedded', 'embedded'], { leadership: ['embedded', null, null, null] });
		expect(pdMissing(PDQM, audit)).toEqual([
			'Leadership of professional development: Culture has not been judged yet.',
			'Leadership of professional development: Strategy and policy has not been judged yet.',
			'Leadership of professional development: Best value has not been judged yet.',
			'Leadership of professional development is not yet Developing. 2 more strands at Developing or above would move it up to Developing.'
		]);
	});
});

describe('whatIsMissing', () => {
	it.each([
		[BSQM, completeBasicSkillsAudit(), []],
		[PDQM, pdAuditWith(['embedded', 'embedded', 'embedded', 'developing']), []],
		[PDQM, completeBasicSkillsAudit(), ['This self-audit does not match the Professional Development Quality Mark.']]
	] as const)('%#: reads either kind of framework', (framework, audit, missing) => {
		expect(whatIsMissing(framework, audit)).toEqual(missing);
	});
});
