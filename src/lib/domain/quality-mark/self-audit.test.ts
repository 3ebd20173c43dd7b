import { describe, expect, it } from 'vitest';
import { emptySelfAudit, validateSelfAuditForSubmit, type ElementsSelfAudit, type LevelsSelfAudit } from './self-audit';
import { BSQM, completeBasicSkillsAudit, PDQM, pdAuditWith } from './test-fixtures';

describe('emptySelfAudit', () => {
	it('has an unanswered item for every element', () => {
		const audit = emptySelfAudit(BSQM);
		expect(Object.keys(audit.elements)).toEqual(BSQM.elements.map((e) => e.key));
		expect(audit.elements.target_setting).toEqual({ met: null, evidence: '', action: '' });
	});

	it('has an unanswered strand for every aspect and strand', () => {
		const audit = emptySelfAudit(PDQM);
		expect(Object.keys(audit.aspects)).toEqual(PDQM.aspects.map((a) => a.key));
		expect(audit.aspects.collaboration).toEqual({
			strands: {
				vision: { level: null, evidence: '' },
				culture: { level: null, evidence: '' },
				strategy_and_policy: { level: null, evidence: '' },
				best_value: { level: null, evidence: '' }
			},
			actionToMoveUp: ''
		});
	});

	it('gives one problem per unanswered item when submitted blank', () => {
		expect(validateSelfAuditForSubmit(BSQM, emptySelfAudit(BSQM))).toHaveLength(10);
		// 16 strands without a level, and 4 aspects without an action to move up.
		expect(validateSelfAuditForSubmit(PDQM, emptySelfAudit(PDQM))).toHaveLength(20);
	});
});

describe('submitting a Basic Skills self-audit', () => {
	it('accepts a complete audit, including a not-yet-met element with an action', () => {
		const audit = completeBasicSkillsAudit();
		audit.elements.resources = { met: false, evidence: '', action: 'Audit the maths equipment' };
		expect(validateSelfAuditForSubmit(BSQM, audit)).toEqual([]);
	});

	it.each([
		['target_setting', { met: null }, 'target_setting.met', 'Target setting: choose met or not yet met'],
		['review_of_progress', { met: true, evidence: ' ' }, 'review_of_progress.evidence', 'Review of progress: give the evidence that shows it is met'],
		['resources', { met: false, action: '' }, 'resources.action', 'Teaching and learning resources: give the action you will take to meet it']
	] as const)('refuses when %s has %j', (key, change, path, message) => {
		const audit = completeBasicSkillsAudit();
		audit.elements[key] = { ...audit.elements[key], ...change };
		expect(validateSelfAuditForSubmit(BSQM, audit)).toEqual([{ path, message }]);
	});

	it('treats an element missing from the saved draft as unanswered', () => {
		const audit = completeBasicSkillsAudit();
		delete audit.elements.parents_and_carers;
		expect(validateSelfAuditForSubmit(BSQM, audit)).toEqual([
			{ path: 'parents_and_carers.met', message: 'Involving parents and carers: choose met or not yet met' }
		]);
	});

	it('refuses an audit of the other kind', () => {
		expect(validateSelfAuditForSubmit(BSQM, pdAuditWith(['embedded', 'embedded', 'embedded', 'embedded']))).toEqual([
			{ path: '', message: 'This self-audit does not match the Basic Skills Quality Mark' }
		]);
	});
});

describe('submitting a PD self-audit', () => {
	const complete = (): LevelsSelfAudit => pdAuditWith(['enhancing', 'enhancing', 'developing', 'embedded']);

	it('accepts a complete audit', () => {
		expect(validateSelfAuditForSubmit(PDQM, complete())).toEqual([]);
	});

	it.each([
		[{ level: null }, 'leadership.culture.level', 'Leadership of professional development, culture: choose a level'],
		[{ level: 'excellent' }, 'leadership.culture.level', 'Leadership of professional development, culture: choose Developing, Enhancing or Embedded'],
		[{ level: 'enhancing', evidence: '' }, 'leadership.culture.evidence', 'Leadership of professional development, culture: give the evidence for Enhancing']
	])('refuses a strand with %j', (change, path, message) => {
		const audit = complete();
		audit.aspects.leadership.strands.culture = { ...audit.aspects.leadership.strands.culture, ...change };
		expect(validateSelfAuditForSubmit(PDQM, audit)).toEqual([{ path, message }]);
	});

	it('asks for the action to move up unless the aspect is already at the top level', () => {
		const audit = pdAuditWith(['embedded', 'embedded', 'embedded', 'developing'], {
			collaboration: ['embedded', 'embedded', 'enhancing', 'enhancing']
		});
		for (const aspect of Object.values(audit.aspects)) aspect.actionToMoveUp = ' ';
		expect(validateSelfAuditForSubmit(PDQM, audit)).toEqual([
			{ path: 'collaboration.actionToMoveUp', message: 'Collaboration and partnerships: give the action that will move it up a level' }
		]);
	});

	it('names every strand and aspect with a problem, in framework order', () => {
		const audit = complete();
		audit.aspects.high_quality_pd.strands.best_value.level = null;
		audit.aspects.evaluating_impact.strands.vision.evidence = '';
		audit.aspects.evaluating_impact.actionToMoveUp = '';
		expect(validateSelfAuditForSubmit(PDQM, audit).map((p) => p.path)).toEqual([
			'high_quality_pd.best_value.level',
			'evaluating_impact.vision.evidence',
			'evaluating_impact.actionToMoveUp'
		]);
	});

	it('refuses an audit of the other kind', () => {
		const wrong: ElementsSelfAudit = completeBasicSkillsAudit();
		expect(validateSelfAuditForSubmit(PDQM, wrong)).toEqual([
			{ path: '', message: 'This self-audit does not match the Professional Development Quality Mark' }
		]);
	});
});
