import { describe, expect, it } from 'vitest';
import { gunzipSync } from 'node:zlib';
import { acceptsGzip, capture, PageCache, replay, type CachedPage } from './page-cache';

const page = (text: string, status = 200): CachedPage => ({
	status,
	headers: [['content-type', 'text/html']],
	body: new TextEncoder().encode(text),
	gzipped: null
});
const text = (p: CachedPage | null) => (p === null ? null : new TextDecoder().decode(p.body));

describe('PageCache', () => {
	it.each([
		{ when: 'the data has not changed', storedAt: 'v1', askedAt: 'v1', after: 0, expected: 'overview' },
		{ when: 'anything has been written since', storedAt: 'v1', askedAt: 'v2', after: 0, expected: null },
		{ when: 'it is almost a minute old', storedAt: 'v1', askedAt: 'v1', after: 59_999, expected: 'overview' },
		{ when: 'it is a minute old', storedAt: 'v1', askedAt: 'v1', after: 60_000, expected: null }
	])('gives the stored page back only when $when', ({ storedAt, askedAt, after, expected }) => {
		let now = 1_000;
		const cache = new PageCache(1024, 60_000, () => now);
		cache.set('key', storedAt, page('overview'));
		now += after;
		expect(text(cache.get('key', askedAt))).toBe(expected);
	});

	it('keeps pages apart by key', () => {
		const cache = new PageCache();
		cache.set('head of 190211', 'v1', page('mine'));
		expect(cache.get('adviser', 'v1')).toBeNull();
		expect(text(cache.get('head of 190211', 'v1'))).toBe('mine');
	});

	it('drops a page it finds out of date, and what it took up', () => {
		const cache = new PageCache();
		cache.set('key', 'v1', page('12345'));
		expect(cache.bytes).toBe(5);
		cache.get('key', 'v2');
		expect([cache.size, cache.bytes]).toEqual([0, 0]);
	});

	it('replaces a page stored again under the same key', () => {
		const cache = new PageCache();
		cache.set('key', 'v1', page('old page'));
		cache.set('key', 'v2', page('new'));
		expect([cache.size, cache.bytes, text(cache.get('key', 'v2'))]).toEqual([1, 3, 'new']);
	});

	it('stays within its size by letting the least recently used pages go', () => {
		const cache = new PageCache(10);
		cache.set('a', 'v', page('aaaa'));
		cache.set('b', 'v', page('bbbb'));
		cache.get('a', 'v');
		cache.set('c', 'v', page('cccc'));
		expect(['a', 'b', 'c'].map((k) => text(cache.get(k, 'v')))).toEqual(['aaaa', null, 'cccc']);
		expect(cache.bytes).toBe(8);
	});

	it('does not keep a page bigger than the whole cache', () => {
		const cache = new PageCache(4);
		cache.set('big', 'v', page('12345'));
		expect([cache.size, cache.bytes]).toEqual([0, 0]);
	});
});

describe('capture and replay', () => {
	it('keep the status, headers and body, but never the cookies or the date', async () => {
		const response = new Response('<p>Overview</p>', {
			status: 200,
			headers: [
				['content-type', 'text/html'],
				['etag', '"abc"'],
				['set-cookie', 'triage_session=secret'],
				['date', 'Sun, 22 Nov 2026 10:00:00 GMT']
			]
		});
		const stored = await capture(response);
		const again = replay(stored);
		expect(again.status).toBe(200);
		expect(await again.text()).toBe('<p>Overview</p>');
		expect(again.headers.get('etag')).toBe('"abc"');
		expect(again.headers.get('set-cookie')).toBeNull();
		expect(again.headers.get('date')).toBeNull();
	});

	it('can replay one stored page many times', async () => {
		const stored = await capture(new Response('same'));
		expect([await replay(stored).text(), await replay(stored).text()]).toEqual(['same', 'same']);
	});
});

describe('acceptsGzip', () => {
	it.each([
		['gzip, deflate, br, zstd', true],
		['br;q=1.0, gzip;q=0.8, *;q=0.1', true],
		['*', true],
		['GZIP', true],
		['gzip;q=0', false],
		['deflate, br', false],
		['identity', false],
		['', false],
		[null, false]
	])('%s: %s', (header, expected) => {
		expect(acceptsGzip(header)).toBe(expected);
	});
});

describe('gzipped pages', () => {
	const html = `<!doctype html><title>Overview</title>${'<tr><td>A school</td><td>+1.0</td></tr>'.repeat(200)}`;

	it('are sent gzipped, with their own ETag, to a browser that asks', async () => {
		const stored = await capture(new Response(html, { headers: { 'content-type': 'text/html', etag: '"abc"', 'content-length': String(html.length) } }));
		const response = replay(stored, true);
		expect(response.headers.get('content-encoding')).toBe('gzip');
		expect(response.headers.get('etag')).toBe('"abc-gzip"');
		expect(response.headers.get('content-length')).toBeNull();
		expect(response.headers.get('vary')).toBe('Accept-Encoding');
		expect(gunzipSync(new Uint8Array(await response.arrayBuffer())).toString()).toBe(html);
	});

	it('are sent as they are to a client that does not ask', async () => {
		const stored = await capture(new Response(html, { headers: { 'content-type': 'text/html', etag: '"abc"' } }));
		const response = replay(stored, false);
		expect(response.headers.get('content-encoding')).toBeNull();
		expect(response.headers.get('etag')).toBe('"abc"');
		expect(await response.text()).toBe(html);
	});

	it.each([
		['a short page', 'text/html', 'short'],
		['a file that is not text', 'application/pdf', html]
	])('are not gzipped when it would not help: %s', async (_, type, body) => {
		const stored = await capture(new Response(body, { headers: { 'content-type': type } }));
		expect(stored.gzipped).toBeNull();
		expect(replay(stored, true).headers.get('content-encoding')).toBeNull();
	});
});

describe('PageCache.serve', () => {
	const html = (n: number) => new Response(`<p>render ${n}</p>`, { headers: { 'content-type': 'text/html', 'set-cookie': 'triage_session=abc' } });

	it('renders once, then serves the kept copy until something is written', async () => {
		const cache = new PageCache();
		let version = 'v1';
		let renders = 0;
		const render = async () => html(++renders);
		const first = await cache.serve('key', () => version, render, false);
		const second = await cache.serve('key', () => version, render, false);
		version = 'v2';
		const third = await cache.serve('key', () => version, render, false);
		expect([first.hit, second.hit, third.hit]).toEqual([false, true, false]);
		expect([await first.response.text(), await second.response.text(), await third.response.text()]).toEqual([
			'<p>render 1</p>',
			'<p>render 1</p>',
			'<p>render 2</p>'
		]);
		expect([first, second, third].map((s) => s.response.headers.get('x-page-cache'))).toEqual(['miss', 'hit', 'miss']);
	});

	it('passes on the rendered cookies, but never replays them', async () => {
		const cache = new PageCache();
		const first = await cache.serve(
			'key',
			() => 'v1',
			async () => html(1),
			false
		);
		const second = await cache.serve(
			'key',
			() => 'v1',
			async () => html(2),
			false
		);
		expect(first.response.headers.get('set-cookie')).toBe('triage_session=abc');
		expect(second.response.headers.get('set-cookie')).toBeNull();
	});

	it.each([
		['something was written while it was rendered', 200, true],
		['it is not a success', 404, false]
	])('does not keep a page when %s', async (_, status, writes) => {
		const cache = new PageCache();
		let version = 1;
		const render = async () => {
			if (writes) version++;
			return new Response('<p>page</p>', { status });
		};
		const served = await cache.serve('key', () => `v${version}`, render, false);
		expect(served.response.status).toBe(status);
		expect(cache.size).toBe(0);
	});
});
