import type { QualityMarkFramework } from './framework-shape';

/**
 * Checks a framework read from the database before the app trusts it. Frameworks are data, so a
 * third one can be added by inserting a row; this turns a mistake in that row into a plain list
 * of what is wrong instead of a broken page.
 */
export type FrameworkCheck = { ok: true; framework: QualityMarkFramework } | { ok: false; problems: string[] };

const KEY = /^[a-z][a-z0-9_]*$/;

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);
const isText = (v: unknown): v is string => typeof v === 'string' && v.trim() !== '';

export function checkFramework(value: unknown): FrameworkCheck {
	const problems: string[] = [];
	if (!isObj(value)) return { ok: false, problems: ['The framework is not an object'] };
	const where = isText(value.key) ? `Framework ${value.key}` : 'The framework';
	if (!isText(value.key) || !KEY.test(value.key)) problems.push(`${where} needs a key in lower snake case`);
	for (const field of ['name', 'shortName', 'summary']) {
		if (!isText(value[field])) problems.push(`${where} needs a ${field}`);
	}
	if (value.kind === 'elements') {
		checkList(value.elements, `${where}: elements`, ['label', 'metLooksLike'], problems);
	} else if (value.kind === 'levels') {
		const levels = checkList(value.levels, `${where}: levels`, ['label', 'summary'], problems);
		const strands = checkList(value.strands, `${where}: strands`, ['label', 'summary'], problems);
		checkList(value.aspects, `${where}: aspects`, ['label', 'summary'], problems);
		const needed = value.strandsNeededForAspectLevel;
		if (!Number.isInteger(needed) || (needed as number) < 1 || (needed as number) > Math.max(strands.length, 1)) {
			problems.push(`${where}: strandsNeededForAspectLevel must be a whole number from 1 to the number of strands`);
		}
		for (const aspect of (value.aspects as Obj[] | undefined) ?? []) {
			if (!isObj(aspect)) continue;
			const descriptors = isObj(aspect.descriptors) ? aspect.descriptors : {};
			for (const strand of strands) {
				for (const level of levels) {
					const text = (descriptors[strand] as Obj | undefined)?.[level];
					if (!isText(text)) problems.push(`${where}: aspect ${String(aspect.key)} has no descriptor for ${strand} at ${level}`);
				}
			}
		}
	} else {
		problems.push(`${where}: kind must be elements or levels`);
	}
	return problems.length === 0 ? { ok: true, framework: value as unknown as QualityMarkFramework } : { ok: false, problems };
}

/** Checks a non-empty list of items with unique keys and the given text fields; returns the keys. */
function checkList(list: unknown, where: string, fields: string[], problems: string[]): string[] {
	if (!Array.isArray(list) || list.length === 0) {
		problems.push(`${where} must be a list with at least one item`);
		return [];
	}
	const keys: string[] = [];
	for (const [i, item] of list.entries()) {
		if (!isObj(item) || !isText(item.key) || !KEY.test(item.key)) {
			problems.push(`${where}: item ${i + 1} needs a key in lower snake case`);
			continue;
		}
		if (keys.includes(item.key)) problems.push(`${where}: the key ${item.key} is used twice`);
		keys.push(item.key);
		for (const field of fields) if (!isText(item[field])) problems.push(`${where}: ${item.key} needs a ${field}`);
	}
	return keys;
}
