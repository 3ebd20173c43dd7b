import { describe, expect, it } from 'vitest';
import { certificateFor, type AwardStanding } from './certificate';

const standing = (o: Partial<AwardStanding>): AwardStanding => ({
	schoolName: 'Oak Primary School',
	urn: 100001,
	frameworkName: 'Basic Skills Quality Mark',
	holdsAward: true,
	awardDate: '2026-03-02',
	expiryDate: '2029-03-01',
	assessorName: 'Amira Khan',
	...o
});

describe('the certificate for an award', () => {
	it.each([
		['an award held today', standing({}), true],
		['an award held, no assessor recorded', standing({ assessorName: null }), true],
		['an award that has expired', standing({ holdsAward: false }), false],
		['no award yet', standing({ holdsAward: false, awardDate: null, expiryDate: null }), false],
		['an award without an expiry date', standing({ expiryDate: null }), false]
	])('%s: certificate %s', (_, s, expected) => {
		const c = certificateFor(s);
		expect(c !== null).toBe(expected);
		if (c)
			expect(c).toEqual({
				schoolName: s.schoolName,
				urn: s.urn,
				frameworkName: s.frameworkName,
				awardDate: s.awardDate,
				expiryDate: s.expiryDate,
				assessorName: s.assessorName
			});
	});
});
