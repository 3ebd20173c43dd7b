/**
 * The client address sign-in limits count by. An IPv4 address as it is (also when written as an
 * IPv6-mapped one, ::ffff:192.0.2.1); an IPv6 address by its /64 network, which one household or
 * office is given whole: counting each of its addresses apart would let one machine change address
 * on every attempt. Anything else is kept as given, in lower case.
 */
export function limitAddress(address: string): string {
	const a = address.trim().toLowerCase().replace(/%.*$/, '');
	const mapped = /^::ffff:(\d{1,3}(?:\.\d{1,3}){3})$/.exec(a);
	if (mapped) return mapped[1];
	if (!a.includes(':')) return a;
	const groups = ipv6Groups(a);
	return groups ? `${groups.slice(0, 4).join(':')}::/64` : a;
}

/** The eight 16-bit groups of an IPv6 address, without leading zeros, or null if it is not one. */
function ipv6Groups(a: string): string[] | null {
	const halves = a.split('::');
	if (halves.length > 2) return null;
	const part = (s: string) => (s === '' ? [] : s.split(':'));
	const head = part(halves[0]);
	const tail = halves.length === 2 ? part(halves[1]) : [];
	// An IPv4 tail (::ffff:1.2.3.4 is handled above; 64:ff9b::1.2.3.4 and the like): two groups.
	const last = tail.length > 0 ? tail : head;
	if (last.length > 0 && last[last.length - 1].includes('.')) {
		const v4 = last.pop()!.split('.').map(Number);
		if (v4.length !== 4 || v4.some((n) => !Number.isInteger(n) || n < 0 || n > 255)) return null;
		last.push(((v4[0] << 8) | v4[1]).toString(16), ((v4[2] << 8) | v4[3]).toString(16));
	}
	const missing = 8 - head.length - tail.length;
	if (halves.length === 1 ? missing !== 0 : missing < 1) return null;
	const groups = [...head, ...Array<string>(halves.length === 2 ? missing : 0).fill('0'), ...tail];
	if (groups.some((g) => !/^[0-9a-f]{1,4}$/.test(g))) return null;
	return groups.map((g) => g.replace(/^0+(?=.)/, ''));
}
