import type { ColumnType, Generated } from 'kysely';
import type { Role } from '../../../domain/roles';

export interface UsersTable {
	id: Generated<number>;
	email: string;
	name: string;
	role: Role;
	password_hash: string;
	/** ISO timestamp; a disabled user cannot sign in and their sessions are ended. */
	disabled_at: string | null;
	created_at: string;
	updated_at: string;
}

export interface SessionsTable {
	/** SHA-256 of the session token, hex encoded. The token itself is never stored. */
	id: string;
	user_id: number;
	/** Milliseconds since the epoch. */
	expires_at: number;
	created_at: string;
}

export interface SchoolsTable {
	urn: number;
	la_code: string | null;
	la_name: string | null;
	establishment_number: string | null;
	name: string;
	type: string | null;
	phase: string | null;
	status: string | null;
	age_low: number | null;
	age_high: number | null;
	head_name: string | null;
	street: string | null;
	locality: string | null;
	town: string | null;
	postcode: string | null;
	easting: number | null;
	northing: number | null;
	/** GIAS "Trusts (name)": the academy trust the school belongs to, if any. */
	trust_name: ColumnType<string | null, string | null | undefined, string | null>;
	ofsted_rating: string | null;
	ofsted_date: string | null;
	link_adviser_id: number | null;
	created_at: string;
	updated_at: string;
}

/** The LAs a member of staff serves; none: every LA. */
export interface UserLasTable {
	user_id: number;
	la_code: string;
}

export interface UserSchoolsTable {
	user_id: number;
	urn: number;
}

export interface AuditLogTable {
	id: Generated<number>;
	at: string;
	user_id: number | null;
	action: string;
	entity: string;
	entity_id: string | null;
	before_json: string | null;
	after_json: string | null;
}

export interface SettingsTable {
	key: string;
	value_json: string;
}

/** One row whose version goes up in every transaction that writes anything (see ../data-version.ts). */
export interface DataVersionTable {
	id: number;
	version: number;
}

/** A failed sign-in, by account or by client address (kept as a SHA-256), for the limits in auth/sign-in-limits.ts. */
export interface SignInFailuresTable {
	id: Generated<number>;
	/** See auth/sign-in-limits.ts: one account from one address, one address, or one account from anywhere. */
	kind: 'pair' | 'address' | 'account';
	key_hash: string;
	/** Milliseconds since 1970. */
	at_ms: number;
}

export interface FoundationTables {
	users: UsersTable;
	sessions: SessionsTable;
	schools: SchoolsTable;
	user_schools: UserSchoolsTable;
	user_las: UserLasTable;
	audit_log: AuditLogTable;
	settings: SettingsTable;
	data_version: DataVersionTable;
	sign_in_failures: SignInFailuresTable;
}
