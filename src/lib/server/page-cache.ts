/*
 * A cache of whole rendered pages, for the pages people open most and re-open often: the overview,
 * the school list and a school's profile. Rendering the overview means laying out a chart with a
 * dot for every school and a table behind it, so building it once and reusing it until the data
 * changes is what keeps it quick when a team opens it at once.
 *
 * An entry is reused only while nothing has been written to the database since it was rendered:
 * while the database's data version (src/lib/server/db/data-version.ts), which every committed
 * write by any process moves, is the one read before rendering it. So any write at all, by anyone,
 * retires every entry; there is no list of tables to keep in step with the code. An entry is kept
 * per person and per address (query string included), for the calendar day it was made on, and
 * for at most a minute.
 *
 * Each kept page is also gzipped once, as it is stored, and sent that way to browsers that accept
 * it: the overview for 400 schools is about 430 KB of HTML but 35 KB gzipped.
 */

import { gzip } from 'node:zlib';
import { promisify } from 'node:util';

export interface CachedPage {
	status: number;
	headers: [string, string][];
	body: Uint8Array<ArrayBuffer>;
	/** The body gzipped once when it was stored, for the browsers that ask for it (all of them). */
	gzipped: Uint8Array<ArrayBuffer> | null;
}

interface Entry {
	page: CachedPage;
	version: string;
	at: number;
}

/** The routes whose pages are cached: read-only views, built only from the database and the date. */
export const CACHED_ROUTES: ReadonlySet<string> = new Set(['/', '/schools', '/schools/[urn]']);

/** Headers never replayed from the cache: cookies belong to the request being answered. */
const PERSONAL_HEADERS = new Set(['set-cookie', 'date', 'content-length']);

const gzipAsync = promisify(gzip);

export class PageCache {
	readonly #entries = new Map<string, Entry>();
	#bytes = 0;

	constructor(
		private readonly maxBytes = 32 * 1024 * 1024,
		private readonly maxAgeMs = 60_000,
		private readonly now: () => number = Date.now
	) {}

	/** The page stored under `key`, if it was rendered at this data `version` and is young enough. */
	get(key: string, version: string): CachedPage | null {
		const entry = this.#entries.get(key);
		if (!entry) return null;
		if (entry.version !== version || this.now() - entry.at >= this.maxAgeMs) {
			this.#remove(key, entry);
			return null;
		}
		// Most recently used last, so the oldest is the first to go when the cache is full.
		this.#entries.delete(key);
		this.#entries.set(key, entry);
		return entry.page;
	}

	set(key: string, version: string, page: CachedPage): void {
		const size = sizeOf(page);
		const old = this.#entries.get(key);
		if (old) this.#remove(key, old);
		if (size > this.maxBytes) return;
		this.#entries.set(key, { page, version, at: this.now() });
		this.#bytes += size;
		for (const [oldestKey, oldest] of this.#entries) {
			if (this.#bytes <= this.maxBytes) break;
			this.#remove(oldestKey, oldest);
		}
	}

	/**
	 * The page for `key`: the kept copy if nothing has been written since it was rendered, else
	 * `render()`'s response, kept for next time when nothing was written while it was being built
	 * (so it matches the version it is stored under exactly) and it succeeded. `dataVersion` reads
	 * the database's data version. The response says which in an `x-page-cache` header, `hit` or `miss`.
	 */
	async serve(
		key: string,
		dataVersion: () => string | Promise<string>,
		render: () => Response | Promise<Response>,
		gzipOk: boolean
	): Promise<{ response: Response; hit: boolean }> {
		const version = await dataVersion();
		const kept = this.get(key, version);
		if (kept) return { response: marked(replay(kept, gzipOk), 'hit'), hit: true };
		const rendered = await render();
		if (rendered.status !== 200 || (await dataVersion()) !== version) return { response: marked(rendered, 'miss'), hit: false };
		const page = await capture(rendered);
		this.set(key, version, page);
		const response = replay(page, gzipOk);
		// The cookies SvelteKit set for this request go with it, though they are never kept.
		rendered.headers.forEach((value, name) => name.toLowerCase() === 'set-cookie' && response.headers.append(name, value));
		return { response: marked(response, 'miss'), hit: false };
	}

	get size(): number {
		return this.#entries.size;
	}

	get bytes(): number {
		return this.#bytes;
	}

	#remove(key: string, entry: Entry): void {
		this.#entries.delete(key);
		this.#bytes -= sizeOf(entry.page);
	}
}

function marked(response: Response, how: 'hit' | 'miss'): Response {
	response.headers.set('x-page-cache', how);
	return response;
}

const sizeOf = (page: CachedPage) => page.body.byteLength + (page.gzipped?.byteLength ?? 0);

/** A response's status, replayable headers and body, read in full, and the body gzipped if it is text. */
export async function capture(response: Response): Promise<CachedPage> {
	const headers: [string, string][] = [];
	response.headers.forEach((value, name) => {
		if (!PERSONAL_HEADERS.has(name.toLowerCase())) headers.push([name, value]);
	});
	const body = new Uint8Array(await response.arrayBuffer());
	const compressible = !response.headers.has('content-encoding') && /^(text\/|application\/json)/.test(response.headers.get('content-type') ?? '');
	const gzipped = compressible && body.byteLength >= 1024 ? new Uint8Array(await gzipAsync(body)) : null;
	return { status: response.status, headers, body, gzipped };
}

/** Whether a request's Accept-Encoding allows gzip (and does not refuse it with q=0). */
export function acceptsGzip(acceptEncoding: string | null): boolean {
	return (acceptEncoding ?? '').split(',').some((part) => {
		const [coding, ...params] = part.trim().toLowerCase().split(';');
		const q = params.map((p) => p.trim()).find((p) => p.startsWith('q='));
		return (coding === 'gzip' || coding === '*') && (q === undefined || Number(q.slice(2)) > 0);
	});
}

/**
 * A fresh response for a stored page: gzipped when the browser accepts it, with its own ETag so
 * that the two encodings are never confused by a cache in between.
 */
export function replay(page: CachedPage, gzipOk = false): Response {
	const headers = new Headers(page.headers);
	headers.append('vary', 'Accept-Encoding');
	if (gzipOk && page.gzipped) {
		headers.set('content-encoding', 'gzip');
		const etag = headers.get('etag');
		if (etag) headers.set('etag', etag.replace(/"$/, '-gzip"'));
		return new Response(page.gzipped, { status: page.status, headers });
	}
	return new Response(page.body, { status: page.status, headers });
}
