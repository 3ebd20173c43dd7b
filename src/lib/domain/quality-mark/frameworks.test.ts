import { describe, expect, it } from 'vitest';
import type { QualityMarkFramework } from './framework-shape';
import { findFramework, FRAMEWORKS } from './frameworks';
import { BSQM, PDQM } from './test-fixtures';

const KEY = /^[a-z][a-z0-9_]*$/;

function allKeys(f: QualityMarkFramework): string[][] {
	return f.kind === 'elements' ? [f.elements.map((e) => e.key)] : [f.levels.map((l) => l.key), f.strands.map((s) => s.key), f.aspects.map((a) => a.key)];
}

function allText(f: QualityMarkFramework): string[] {
	const base = [f.name, f.shortName, f.summary];
	if (f.kind === 'elements') return [...base, ...f.elements.flatMap((e) => [e.label, e.metLooksLike])];
	return [
		...base,
		...f.levels.flatMap((l) => [l.label, l.summary]),
		...f.strands.flatMap((s) => [s.label, s.summary]),
		...f.aspects.flatMap((a) => [a.label, a.summary, ...Object.values(a.descriptors).flatMap(Object.values)])
	];
}

describe('the frameworks as data', () => {
	it('lists Basic Skills then Professional Development, found by key', () => {
		expect(FRAMEWORKS.map((f) => f.key)).toEqual(['basic_skills', 'professional_development']);
		expect(findFramework('professional_development')).toBe(PDQM);
		expect(findFramework('no_such_framework')).toBeNull();
	});

	it('has the ten Basic Skills elements in their published order', () => {
		expect(BSQM.elements.map((e) => e.label)).toEqual([
			'Whole-school strategy and plan',
			'Analysis of assessment',
			'Target setting',
			'Planning and intervention for all groups',
			'Review of progress',
			'Improving staff skills',
			'Range of teaching approaches',
			'Teaching and learning resources',
			'Involving parents and carers',
			'Monitoring of the plan'
		]);
	});

	it('has four PD aspects by four strands by three levels, lowest level first, 3 strands needed', () => {
		expect(PDQM.aspects.map((a) => a.key)).toEqual(['leadership', 'high_quality_pd', 'evaluating_impact', 'collaboration']);
		expect(PDQM.strands.map((s) => s.label)).toEqual(['Vision', 'Culture', 'Strategy and policy', 'Best value']);
		expect(PDQM.levels.map((l) => l.label)).toEqual(['Developing', 'Enhancing', 'Embedded']);
		expect(PDQM.strandsNeededForAspectLevel).toBe(3);
	});

	it.each(PDQM.aspects.map((a) => [a.label, a] as const))('%s has a descriptor for every strand at every level, and nothing else', (_, aspect) => {
		expect(Object.keys(aspect.descriptors).sort()).toEqual(PDQM.strands.map((s) => s.key).sort());
		for (const strand of PDQM.strands) {
			expect(Object.keys(aspect.descriptors[strand.key]).sort()).toEqual(PDQM.levels.map((l) => l.key).sort());
		}
	});

	it.each(FRAMEWORKS.map((f) => [f.key, f] as const))('%s uses unique snake_case keys', (_, framework) => {
		expect(framework.key).toMatch(KEY);
		for (const keys of allKeys(framework)) {
			for (const key of keys) expect(key).toMatch(KEY);
			expect(new Set(keys).size).toBe(keys.length);
		}
	});

	it.each(FRAMEWORKS.map((f) => [f.key, f] as const))('%s has no blank text and no descriptor used twice', (_, framework) => {
		const text = allText(framework);
		for (const t of text) expect(t.trim().length).toBeGreaterThan(0);
		const sentences = text.filter((t) => t.length > 40);
		expect(new Set(sentences).size).toBe(sentences.length);
	});

	it.each(FRAMEWORKS.map((f) => [f.key, f] as const))('%s survives a JSON round trip unchanged, so it can be seeded', (_, framework) => {
		expect(JSON.parse(JSON.stringify(framework))).toEqual(framework);
	});
});
