import type { IsoDate } from './iso-date';

/** What a printed Quality Mark certificate says. */
export interface Certificate {
	schoolName: string;
	urn: number;
	frameworkName: string;
	awardDate: IsoDate;
	expiryDate: IsoDate;
	/** Who assessed the school; null when no assessor was recorded. */
	assessorName: string | null;
}

/** A school's standing under one framework, as far as a certificate needs it. */
export interface AwardStanding {
	schoolName: string;
	urn: number;
	frameworkName: string;
	holdsAward: boolean;
	awardDate: IsoDate | null;
	expiryDate: IsoDate | null;
	assessorName: string | null;
}

/**
 * The certificate for an award the school holds today, or null: there is nothing to certify
 * before the award, after it has expired, or for an award without its dates.
 */
export function certificateFor(s: AwardStanding): Certificate | null {
	const { holdsAward, awardDate, expiryDate, ...who } = s;
	if (!holdsAward || awardDate === null || expiryDate === null) return null;
	return { ...who, awardDate, expiryDate };
}
