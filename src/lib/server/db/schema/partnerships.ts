import type { Generated } from 'kysely';
import type { PartnershipStatus, Response } from '../../../domain/brokerage/partnership';

/** A school-to-school support partnership (migration 0028). */
export interface PartnershipsTable {
	id: Generated<number>;
	/** The analysis year whose categories it was proposed from (2026 = the 2025/26 results; it runs in 2026/27). */
	year: number;
	supported_urn: number;
	supporting_urn: number;
	/** The need it meets, as a label ("Maths progress"), and its key ("progress:maths"). */
	need: string;
	need_key: string;
	distance_km: number | null;
	/** Why these two schools, in words with their numbers. */
	reasons: string;
	status: PartnershipStatus;
	supported_response: Response | null;
	supporting_response: Response | null;
	objectives: string | null;
	start_date: string | null;
	outcome: string | null;
	proposed_by: number | null;
	proposed_at: string;
	agreed_by: number | null;
	agreed_at: string | null;
	/** Who declined, withdrew or ended it, and when. */
	closed_by: number | null;
	closed_at: string | null;
	updated_at: string;
}

export interface PartnershipNotesTable {
	id: Generated<number>;
	partnership_id: number;
	text: string;
	written_by: number | null;
	written_at: string;
}

export interface PartnershipTables {
	partnerships: PartnershipsTable;
	partnership_notes: PartnershipNotesTable;
}
