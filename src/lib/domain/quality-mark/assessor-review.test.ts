import { describe, expect, it } from 'vitest';
import { assessedAudit, emptyReview, statusForDecision, validateReviewForDecision, type ElementsReview, type LevelsReview } from './assessor-review';
import { basicSkillsGuidance, pdProfile } from './rules';
import type { ElementsSelfAudit, LevelsSelfAudit } from './self-audit';
import { BSQM, completeBasicSkillsAudit, PDQM, pdAuditWith } from './test-fixtures';

const OUTCOME = {
	visitOutcome: 'confirmed',
	visitNotes: 'Saw intervention groups in Year 5.',
	overallJudgement: 'All elements are met and the impact is clear.',
	awardDecision: 'award',
	feedback: 'Well done.'
} as const;

function agreedBasicSkills(): ElementsReview {
	const review = emptyReview(BSQM) as ElementsReview;
	for (const key of Object.keys(review.elements)) review.elements[key] = { agrees: true, comment: '' };
	return { ...review, ...OUTCOME };
}

function agreedPd(): LevelsReview {
	const review = emptyReview(PDQM) as LevelsReview;
	for (const aspect of Object.values(review.aspects)) {
		for (const key of Object.keys(aspect)) aspect[key] = { agrees: true, level: null, comment: '' };
	}
	return { ...review, ...OUTCOME };
}

const pdAudit = (): LevelsSelfAudit => pdAuditWith(['embedded', 'embedded', 'embedded', 'enhancing']);

describe('emptyReview', () => {
	it('has an open item for every element or strand and no outcome yet', () => {
		const bs = emptyReview(BSQM) as ElementsReview;
		expect(Object.keys(bs.elements)).toHaveLength(10);
		expect(bs).toMatchObject({ visitOutcome: null, overallJudgement: '', awardDecision: null, feedback: '' });
		const pd = emptyReview(PDQM) as LevelsReview;
		expect(pd.aspects.leadership.best_value).toEqual({ agrees: null, level: null, comment: '' });
	});
});

describe('assessedAudit: the audit as the assessor judges it', () => {
	it('flips an element the assessor disagrees with, so the guidance changes', () => {
		const review = agreedBasicSkills();
		review.elements.target_setting = { agrees: false, comment: 'Targets are not shared with families.' };
		const assessed = assessedAudit(completeBasicSkillsAudit(), review) as ElementsSelfAudit;
		expect(assessed.elements.target_setting.met).toBe(false);
		expect(basicSkillsGuidance(BSQM, assessed)).toMatchObject({ recommended: false, missing: ['Target setting is not yet met.'] });
	});

	it("uses the assessor's level for a strand they disagree with", () => {
		const review = agreedPd();
		review.aspects.leadership.vision = { agrees: false, level: 'enhancing', comment: 'Not yet shared by governors.' };
		const assessed = assessedAudit(pdAudit(), review) as LevelsSelfAudit;
		expect(assessed.aspects.leadership.strands.vision).toEqual({ level: 'enhancing', evidence: 'Evidence for Vision' });
		expect(pdProfile(PDQM, assessed).aspects[0].levelLabel).toBe('Enhancing');
		expect(pdProfile(PDQM, pdAudit()).aspects[0].levelLabel).toBe('Embedded');
	});

	it('keeps the school judgement where the assessor agrees or has not yet said', () => {
		const review = emptyReview(BSQM);
		expect(assessedAudit(completeBasicSkillsAudit(), review)).toEqual(completeBasicSkillsAudit());
	});
});

describe('validateReviewForDecision', () => {
	it('accepts a complete review of either kind', () => {
		expect(validateReviewForDecision(BSQM, completeBasicSkillsAudit(), agreedBasicSkills())).toEqual([]);
		expect(validateReviewForDecision(PDQM, pdAudit(), agreedPd())).toEqual([]);
	});

	it('asks for each part of the outcome', () => {
		const review = { ...agreedBasicSkills(), visitOutcome: null, overallJudgement: ' ', awardDecision: null, feedback: '' };
		expect(validateReviewForDecision(BSQM, completeBasicSkillsAudit(), review).map((p) => p.message)).toEqual([
			'Record the outcome of the assessment visit',
			'Give your overall judgement',
			'Choose whether to award the Quality Mark',
			'Give feedback for the school'
		]);
	});

	it.each([
		[{ agrees: null, comment: '' }, 'target_setting.agrees', "Target setting: say whether you agree with the school's judgement"],
		[{ agrees: false, comment: '  ' }, 'target_setting.comment', 'Target setting: say why you do not agree']
	])('refuses an element review %j', (item, path, message) => {
		const review = agreedBasicSkills();
		review.elements.target_setting = item;
		expect(validateReviewForDecision(BSQM, completeBasicSkillsAudit(), review)).toEqual([{ path, message }]);
	});

	it('refuses disagreement with an element the school left unjudged', () => {
		const audit = completeBasicSkillsAudit();
		audit.elements.resources.met = null;
		const review = agreedBasicSkills();
		review.elements.resources = { agrees: false, comment: 'No evidence' };
		expect(validateReviewForDecision(BSQM, audit, review)).toEqual([
			{ path: 'resources.agrees', message: 'Teaching and learning resources: the school has not judged this element' }
		]);
	});

	it.each([
		[{ agrees: null, level: null, comment: '' }, 'agrees', "say whether you agree with the school's level"],
		[{ agrees: false, level: null, comment: 'x' }, 'level', 'choose the level you judge it at'],
		[{ agrees: false, level: 'superb', comment: 'x' }, 'level', 'choose Developing, Enhancing or Embedded'],
		[{ agrees: false, level: 'embedded', comment: 'x' }, 'level', "choose a level different from the school's, or say you agree"],
		[{ agrees: false, level: 'developing', comment: '' }, 'comment', 'say why you judge it differently']
	])('refuses a strand review %j', (item, field, message) => {
		const review = agreedPd();
		review.aspects.collaboration.vision = item;
		expect(validateReviewForDecision(PDQM, pdAudit(), review)).toEqual([
			{ path: `collaboration.vision.${field}`, message: `Collaboration and partnerships, vision: ${message}` }
		]);
	});

	it('refuses a review that does not match the framework', () => {
		expect(validateReviewForDecision(PDQM, pdAudit(), agreedBasicSkills())).toEqual([
			{ path: '', message: 'This review does not match the Professional Development Quality Mark' }
		]);
	});
});

describe('statusForDecision', () => {
	it.each([
		['award', 'achieved'],
		['not_yet', 'not_yet_achieved'],
		[null, null]
	] as const)('%s leads to %s', (decision, status) => {
		expect(statusForDecision(decision)).toBe(status);
	});
});
