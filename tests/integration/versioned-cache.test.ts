import { describe, expect, it } from 'vitest';
import { freshDb } from '../helpers/db';
import { addSchool } from '../helpers/fixtures';
import { VersionedCache } from '../../src/lib/server/overview';

describe('VersionedCache', () => {
	it('builds once for everyone who asks while the build is under way, and again after a write', async () => {
		const db = await freshDb();
		const cache = new VersionedCache<number>();
		let builds = 0;
		const build = async () => {
			builds++;
			await new Promise((r) => setTimeout(r, 20));
			return builds;
		};
		const at = await Promise.all(Array.from({ length: 20 }, () => cache.get(db, 'k', build)));
		expect(builds).toBe(1);
		expect(new Set(at)).toEqual(new Set([1]));
		expect(await cache.get(db, 'k', build)).toBe(1);
		await addSchool(db, 100001);
		expect(await cache.get(db, 'k', build)).toBe(2);
		expect(builds).toBe(2);
	});

	it('does not keep a build that failed', async () => {
		const db = await freshDb();
		const cache = new VersionedCache<string>();
		await expect(cache.get(db, 'k', () => Promise.reject(new Error('the database went away')))).rejects.toThrow('went away');
		expect(await cache.get(db, 'k', async () => 'built')).toBe('built');
	});

	it('keeps nothing with the page cache off, so every request builds its own', async () => {
		const db = await freshDb();
		const cache = new VersionedCache<number>();
		let builds = 0;
		const before = process.env.PAGE_CACHE;
		process.env.PAGE_CACHE = 'off';
		try {
			expect(await cache.get(db, 'k', async () => ++builds)).toBe(1);
			expect(await cache.get(db, 'k', async () => ++builds)).toBe(2);
		} finally {
			if (before === undefined) delete process.env.PAGE_CACHE;
			else process.env.PAGE_CACHE = before;
		}
		expect(await cache.get(db, 'k', async () => ++builds)).toBe(3);
		expect(await cache.get(db, 'k', async () => ++builds)).toBe(3);
	});

	it('with the page cache off, shares a build in progress among the requests that come while it runs, at one data version', async () => {
		const db = await freshDb();
		const cache = new VersionedCache<number>();
		let builds = 0;
		const finish: (() => void)[] = [];
		const slowBuild = () =>
			new Promise<number>((resolve) => {
				const n = ++builds;
				finish.push(() => resolve(n));
			});
		const before = process.env.PAGE_CACHE;
		process.env.PAGE_CACHE = 'off';
		try {
			const first = cache.get(db, 'k', slowBuild);
			await new Promise((r) => setTimeout(r, 10));
			const second = cache.get(db, 'k', slowBuild);
			await new Promise((r) => setTimeout(r, 10));
			finish.shift()!();
			expect([await first, await second, builds]).toEqual([1, 1, 1]);
			// Done, it is not kept: the next request builds again.
			const third = cache.get(db, 'k', slowBuild);
			await new Promise((r) => setTimeout(r, 10));
			// A change while it builds: a request after the change does not take figures from before it.
			await addSchool(db, 100001);
			const fourth = cache.get(db, 'k', slowBuild);
			await new Promise((r) => setTimeout(r, 10));
			for (const done of finish.splice(0)) done();
			expect([await third, await fourth, builds]).toEqual([2, 3, 3]);
		} finally {
			if (before === undefined) delete process.env.PAGE_CACHE;
			else process.env.PAGE_CACHE = before;
		}
	});
});
