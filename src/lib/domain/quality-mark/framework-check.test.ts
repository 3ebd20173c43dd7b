import { describe, expect, it } from 'vitest';
import { checkFramework } from './framework-check';
import { FRAMEWORKS } from './frameworks';
import { BSQM, PDQM } from './test-fixtures';

describe('checkFramework', () => {
	it.each(FRAMEWORKS.map((f) => [f.key, f] as const))('accepts the shipped framework %s', (_key, framework) => {
		expect(checkFramework(structuredClone(framework))).toEqual({ ok: true, framework });
	});

	it('accepts a new elements framework written as data alone', () => {
		const oracy = {
			key: 'oracy',
			name: 'Oracy Quality Mark',
			shortName: 'Oracy',
			summary: 'Talk across the curriculum.',
			kind: 'elements',
			elements: [{ key: 'talk_for_learning', label: 'Talk for learning', metLooksLike: 'Pupils discuss their work.' }]
		};
		expect(checkFramework(oracy).ok).toBe(true);
	});

	it('lists every problem in plain words', () => {
		const broken = { ...structuredClone(BSQM), key: 'Basic Skills', name: '', elements: [BSQM.elements[0], BSQM.elements[0], { key: 'x' }] };
		const result = checkFramework(broken);
		expect(result).toEqual({
			ok: false,
			problems: [
				'Framework Basic Skills needs a key in lower snake case',
				'Framework Basic Skills needs a name',
				'Framework Basic Skills: elements: the key strategy_and_plan is used twice',
				'Framework Basic Skills: elements: x needs a label',
				'Framework Basic Skills: elements: x needs a metLooksLike'
			]
		});
	});

	it('needs a descriptor for every strand at every level, and a sensible strand count', () => {
		const pd = structuredClone(PDQM);
		delete (pd.aspects[1].descriptors.culture as Record<string, string>).embedded;
		const result = checkFramework({ ...pd, strandsNeededForAspectLevel: 5 });
		expect(result).toEqual({
			ok: false,
			problems: [
				'Framework professional_development: strandsNeededForAspectLevel must be a whole number from 1 to the number of strands',
				'Framework professional_development: aspect high_quality_pd has no descriptor for culture at embedded'
			]
		});
	});

	it('refuses an unknown kind and a value that is not an object', () => {
		expect(checkFramework({ ...BSQM, kind: 'stars' })).toEqual({ ok: false, problems: ['Framework basic_skills: kind must be elements or levels'] });
		expect(checkFramework('basic_skills')).toEqual({ ok: false, problems: ['The framework is not an object'] });
	});
});
