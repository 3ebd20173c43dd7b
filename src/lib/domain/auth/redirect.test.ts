import { describe, expect, it } from 'vitest';
import { safeRedirectPath } from './redirect';

const ORIGIN = 'https://triage.example.gov.uk';

describe('safeRedirectPath', () => {
	it.each([
		['/schools/100001', '/schools/100001'],
		['/schools?phase=Primary&page=2', '/schools?phase=Primary&page=2'],
		['/analysis#moderation', '/analysis#moderation'],
		['/', '/'],
		[null, '/'],
		['', '/'],
		['schools', '/'],
		['https://evil.example/x', '/'],
		['//evil.example/x', '/'],
		['/\\evil.example/x', '/'],
		['/\\/evil.example/x', '/'],
		['/\t/evil.example/x', '/'],
		['/\n/evil.example/x', '/'],
		['/\r\n/evil.example', '/'],
		['\\\\evil.example', '/'],
		['/%2F/evil.example', '/%2F/evil.example'],
		['/..//evil.example', '/'],
		['javascript:alert(1)', '/']
	])('%j goes to %j', (target, expected) => {
		expect(safeRedirectPath(target, ORIGIN)).toBe(expected);
	});

	it('keeps a path that a browser would resolve on this site', () => {
		expect(safeRedirectPath('/schools/../imports', ORIGIN)).toBe('/imports');
	});
});
