import { describe, expect, it } from 'vitest';
import { limitAddress } from './client-address';

describe('limitAddress', () => {
	it.each([
		['203.0.113.10', '203.0.113.10'],
		['::ffff:203.0.113.10', '203.0.113.10'],
		['2001:db8:1:2:3:4:5:6', '2001:db8:1:2::/64'],
		['2001:db8:1:2:aaaa:bbbb:cccc:dddd', '2001:db8:1:2::/64'],
		['2001:0DB8:0001:0002::9', '2001:db8:1:2::/64'],
		['2001:db8::1', '2001:db8:0:0::/64'],
		['::1', '0:0:0:0::/64'],
		['fe80::1%eth0', 'fe80:0:0:0::/64'],
		['64:ff9b::203.0.113.10', '64:ff9b:0:0::/64'],
		['not an address', 'not an address'],
		['1:2:3', '1:2:3']
	])('%s counts as %s', (address, expected) => {
		expect(limitAddress(address)).toBe(expected);
	});

	it('counts every address of one /64 network as one', () => {
		expect(new Set(['2001:db8:1:2::1', '2001:db8:1:2::2', '2001:db8:1:2:ffff::9'].map(limitAddress)).size).toBe(1);
		expect(limitAddress('2001:db8:1:3::1')).not.toBe(limitAddress('2001:db8:1:2::1'));
	});
});
