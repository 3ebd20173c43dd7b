/**
 * What each change recorded in the audit log means, in a sentence a person reads. The log stores
 * a short code per change (`category.agree`); every code the app writes is listed here, and the
 * type of `audit()` accepts no other, so no change appears as a bare code.
 *
 * `{target}` is the thing changed, described by auditTarget: a school's name and URN, a user's
 * name, an import's number, an engagement's number.
 */
export const AUDIT_SENTENCES = {
	'user.create': 'Added the account of {target}',
	'user.update': 'Changed the account of {target}',
	'user.las': 'Changed which local authorities {target} serves',
	'user.disable': 'Turned off the account of {target}',
	'user.enable': 'Turned back on the account of {target}',
	'user.reset_password': 'Reset the password of {target}',
	'analysis.run': 'Ran the analysis',
	'category.propose': 'The analysis proposed a category for {target}',
	'category.agree': 'Agreed the category of {target}',
	'category.change': 'Changed the category of {target}',
	'disagreement.raise': 'Disagreed with the category of {target}',
	'disagreement.review': 'Reviewed the disagreement about the category of {target}',
	'disagreement.decide': 'Decided the disagreement about the category of {target}',
	'policy.draft': 'Started a draft of the policy',
	'policy.draft_update': 'Changed the draft of the policy',
	'policy.draft_discard': 'Discarded the draft of the policy',
	'policy.adopt': 'Adopted a new policy',
	'import.create': 'Imported {target}',
	'import.rollback': 'Rolled back {target}',
	'setting.update': 'Changed which LAs this installation serves, and so which schools the register keeps',
	'schedule.plan': 'Planned the year',
	'schedule.replan': 'Re-planned the year',
	'engagement.book': 'Booked {target} from the Quality Mark record',
	'engagement.confirm': 'Confirmed the date of {target}',
	'engagement.move': 'Moved {target}',
	'engagement.cancel': 'Cancelled {target}',
	'engagement.complete': 'Marked {target} held: the Quality Mark award decision was recorded',
	'visit_note.save': 'Saved a draft note of visit for {target}',
	'visit_note.publish': 'Published the note of visit for {target} to the school',
	'adviser.capacity': 'Changed the days a week of {target}',
	'adviser.days_off.add': 'Added days off for {target}',
	'adviser.days_off.remove': 'Removed a day off for {target}',
	'school.link_adviser': 'Changed the link adviser of {target}',
	'closure_day.create': 'Added the closure day {target}',
	'closure_day.delete': 'Removed the closure day {target}',
	'term_dates.update': 'Changed the term dates of {target}',
	'term_dates.reset': 'Put back the usual term dates of {target}',
	'engagement_template.create': 'Added the engagement template {target}',
	'engagement_template.update': 'Changed the engagement template {target}',
	'engagement_template.delete': 'Removed the engagement template {target}',
	'engagement_template.reset': 'Put back the default engagement templates',
	'brokerage_settings.update': 'Changed the school-to-school support settings of {target}',
	'brokerage_settings.reset': 'Put back the usual school-to-school support settings of {target}',
	'quality_mark.status': 'Changed the Quality Mark status of {target}',
	'quality_mark.decision': 'Recorded the Quality Mark award decision for {target}',
	'quality_mark.nominate': 'Nominated a colleague to work on the Quality Mark of {target}',
	'quality_mark.self_audit.save': 'Saved the Quality Mark self-audit of {target}',
	'quality_mark.review.save': "Saved the assessor's review of {target}",
	'quality_mark.visit_move': 'Moved the Quality Mark assessment visit of {target}',
	'se_summary.save': 'Saved the self-evaluation summary of {target}',
	'se_summary.submit': 'Submitted the self-evaluation summary of {target}',
	'se_summary.review': 'Reviewed the self-evaluation summary of {target}',
	'se_summary.agree': 'Agreed the self-evaluation summary of {target}',
	'se_summary.return': 'Returned the self-evaluation summary of {target} to the school',
	'se_summary.comment': 'Commented on the self-evaluation summary of {target}',
	'soft_intelligence.record': 'Recorded soft intelligence about {target}',
	'soft_intelligence.correct': 'Corrected a register entry about {target}',
	'soft_intelligence.end': 'Withdrew a register entry about {target}',
	'soft_intelligence.import_ofsted': "Added inspections from Ofsted's monthly file to the register",
	'soft_intelligence.self_referral': 'Asked for support for {target}',
	'calendar.subscription.new': 'Made a new calendar subscription link for {target}',
	'calendar.subscription.revoke': 'Turned off the calendar subscription link of {target}',
	'partnership.propose': 'Proposed school-to-school support for {target}',
	'partnership.agree': 'Agreed school-to-school support for {target}',
	'partnership.accept': 'Accepted school-to-school support for {target}',
	'partnership.decline': 'Declined school-to-school support for {target}',
	'partnership.activate': 'Set up school-to-school support for {target}',
	'partnership.note': 'Added a note on the school-to-school support for {target}',
	'partnership.end': 'Ended the school-to-school support for {target}',
	'partnership.withdraw': 'Withdrew the school-to-school support proposed for {target}'
} as const;

export type AuditAction = keyof typeof AUDIT_SENTENCES;

/** What the log knows of the thing changed, and its name where the page looked it up. */
export interface AuditSubject {
	entity: string;
	entityId: string | null;
	/** A school's or user's name, an engagement's label; null when not looked up or gone. */
	name?: string | null;
}

/** The thing changed, in words: "Oak Primary School (URN 100001)", "import 12", "Amira Khan". */
export function auditTarget({ entity, entityId, name }: AuditSubject): string {
	const id = entityId ?? '';
	switch (entity) {
		case 'school':
			return name ? `${name} (URN ${id})` : `the school with URN ${id}`;
		case 'user':
			return name ?? `user ${id}`;
		case 'import':
			return `import ${id}`;
		case 'engagement':
			return name ? `${name} (engagement ${id})` : `engagement ${id}`;
		case 'quality_mark': {
			// Stored as "URN/framework".
			const [urn] = id.split('/');
			return name ? `${name} (URN ${urn})` : `the school with URN ${urn}`;
		}
		case 'closure_day':
			return id;
		case 'term_dates':
			return `${Number(id) - 1}/${String(Number(id)).slice(2)}`;
		case 'engagement_template':
			// Its key ("focus.review") is not for reading: its label is, or the key in words once it is gone.
			return name ? `“${name}”` : `“${id.replace(/[._]/g, ' ')}”`;
		case 'brokerage_settings':
			// Stored by LA code; '' is the installation's, which every LA without its own uses.
			return id === '' ? 'every LA' : (name ?? `LA ${id}`);
		case 'se_summary':
			return name ? `${name}` : `summary ${id}`;
		default:
			return name ?? `${entity.replaceAll('_', ' ')} ${id}`.trim();
	}
}

/** The sentence for one logged change; a code the app no longer writes is shown as it is. */
export function auditSentence(action: string, subject: AuditSubject): string {
	const sentence = (AUDIT_SENTENCES as Record<string, string>)[action];
	return sentence ? sentence.replace('{target}', auditTarget(subject)) : action;
}
