import type { Db } from '../db';
import { listEngagements, type EngagementView } from './engagements';
import { notesFor, type NoteView } from './notes';
import type { IsoDate } from '../../domain/calendar/iso-date';
import type { RagRating } from '../db/schema/schedule';

export interface AfiProgress {
	id: number;
	description: string;
	raisedOn: IsoDate;
	/** The visit that recorded it as met, once that note is published. */
	metOn: IsoDate | null;
	/** Each rating in visit order. */
	ratings: { engagementId: number; visitDate: IsoDate; rating: RagRating; comment: string }[];
}

export interface SchoolEngagements {
	urn: number;
	engagements: (EngagementView & { note: NoteView | null })[];
	afis: AfiProgress[];
}

/**
 * A school's engagements in every year, newest first, with their notes of visit and the school's
 * AfIs with their RAG progress. With `publishedNotesOnly` (the school's own headteacher), drafts,
 * AfIs and ratings from unpublished notes, and the reasons engagements were cancelled, are left out.
 */
export async function engagementsForSchool(db: Db, urn: number, options: { publishedNotesOnly: boolean }): Promise<SchoolEngagements> {
	const list = (await listEngagements(db, { urn })).reverse();
	const notes = await notesFor(
		db,
		list.map((e) => e.id),
		{ publishedOnly: options.publishedNotesOnly }
	);
	const engagements = list.map((e) => ({
		...e,
		cancelReason: options.publishedNotesOnly ? null : e.cancelReason,
		noteStatus: options.publishedNotesOnly && e.noteStatus !== 'published' ? null : e.noteStatus,
		note: notes.get(e.id) ?? null
	}));

	let q = db
		.selectFrom('afis')
		.innerJoin('visit_notes as raised', 'raised.engagement_id', 'afis.raised_engagement_id')
		.leftJoin('visit_notes as closed', 'closed.engagement_id', 'afis.closed_engagement_id')
		.select(['afis.id', 'afis.description', 'raised.visit_date as raised_on', 'closed.visit_date as met_on'])
		.where('afis.urn', '=', urn);
	if (options.publishedNotesOnly) q = q.where('raised.status', '=', 'published');
	const afiRows = await q.orderBy('raised.visit_date').orderBy('afis.position').orderBy('afis.id').execute();

	let r = db
		.selectFrom('afi_ratings as r')
		.innerJoin('afis', 'afis.id', 'r.afi_id')
		.innerJoin('visit_notes as n', 'n.engagement_id', 'r.engagement_id')
		.select(['r.afi_id', 'r.engagement_id', 'r.rating', 'r.comment', 'n.visit_date'])
		.where('afis.urn', '=', urn);
	if (options.publishedNotesOnly) r = r.where('n.status', '=', 'published');
	const ratings = await r.orderBy('n.visit_date').orderBy('r.engagement_id').execute();

	const afis = afiRows.map((a) => ({
		id: a.id,
		description: a.description,
		raisedOn: a.raised_on,
		metOn: a.met_on,
		ratings: ratings
			.filter((x) => x.afi_id === a.id)
			.map((x) => ({ engagementId: x.engagement_id, visitDate: x.visit_date, rating: x.rating, comment: x.comment }))
	}));
	return { urn, engagements, afis };
}
