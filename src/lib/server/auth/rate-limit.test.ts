import { describe, expect, it } from 'vitest';
import { SlidingWindowLimiter } from './rate-limit';

describe('SlidingWindowLimiter', () => {
	it('limits after max attempts in the window and forgets them afterwards', () => {
		let now = 0;
		const limiter = new SlidingWindowLimiter(3, 1000, () => now);
		for (let i = 0; i < 3; i++) {
			expect(limiter.isLimited('a')).toBe(false);
			limiter.record('a');
			now += 100;
		}
		expect(limiter.isLimited('a')).toBe(true);
		expect(limiter.isLimited('b')).toBe(false);
		now = 1001; // the first attempt (at 0) has left the window
		expect(limiter.isLimited('a')).toBe(false);
	});

	it('reset clears a key', () => {
		const limiter = new SlidingWindowLimiter(1, 1000, () => 0);
		limiter.record('a');
		expect(limiter.isLimited('a')).toBe(true);
		limiter.reset('a');
		expect(limiter.isLimited('a')).toBe(false);
	});
});
