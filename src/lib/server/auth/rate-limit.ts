/**
 * Counts attempts per key in a sliding window. Used for sign-in, keyed both by account and by
 * client address. It lives in memory: a restart forgets it, which only ever lets someone try again.
 */
export class SlidingWindowLimiter {
	private hits = new Map<string, number[]>();

	constructor(
		private readonly max: number,
		private readonly windowMs: number,
		private readonly now: () => number = Date.now
	) {}

	/** True when `key` has used up its attempts in the current window. */
	isLimited(key: string): boolean {
		return this.recent(key).length >= this.max;
	}

	record(key: string): void {
		const list = this.recent(key);
		list.push(this.now());
		this.hits.set(key, list);
	}

	reset(key: string): void {
		this.hits.delete(key);
	}

	private recent(key: string): number[] {
		const cutoff = this.now() - this.windowMs;
		const list = (this.hits.get(key) ?? []).filter((t) => t > cutoff);
		if (list.length === 0) this.hits.delete(key);
		else this.hits.set(key, list);
		return list;
	}
}

const WINDOW_MS = 15 * 60 * 1000;
const numberFromEnv = (name: string, fallback: number) => {
	const n = Number(process.env[name]);
	return Number.isInteger(n) && n > 0 ? n : fallback;
};

/** Failed sign-ins allowed per account per 15 minutes. */
export const accountLimiter = new SlidingWindowLimiter(numberFromEnv('LOGIN_LIMIT_PER_ACCOUNT', 5), WINDOW_MS);
/** Failed sign-ins allowed per client address per 15 minutes. */
export const addressLimiter = new SlidingWindowLimiter(numberFromEnv('LOGIN_LIMIT_PER_ADDRESS', 50), WINDOW_MS);
