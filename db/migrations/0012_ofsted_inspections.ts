import type { Kysely } from 'kysely';

// Frozen in time: this file never imports app code, so later refactors cannot change history.

export async function up(_db: Kysely<any>): Promise<void> {}

export async function down(_db: Kysely<any>): Promise<void> {}
