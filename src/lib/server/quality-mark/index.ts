/**
 * Quality Mark, server side: frameworks read from the database, the record lifecycle with its
 * history and audit log, the self-audit and the assessor's review, and read-only views for the
 * rest of the app. Every function takes the database first; changes also take the acting user.
 */
export { listFrameworks, getFramework } from './frameworks';
export type { Actor } from '../../domain/access';
export { changeStatus, bookAssessmentVisit, type StatusInput } from './status';
export { visitLabel, type VisitBooking } from './visits';
export { saveSelfAudit, submitSelfAudit, nominateColleague, nomineeChoices, type SubmitResult } from './self-audit';
export { saveReview, recordAwardDecision, type DecisionResult } from './review';
export { currentAudit, type CurrentAudit } from './audits';
export {
	qualityMarkForSchool,
	qualityMarkStatusByUrn,
	expiringQualityMarks,
	currentQualityMarkHolders,
	qualityMarkAwards,
	assessmentVisits,
	type HeldQualityMark,
	type AssessmentVisit
} from './queries';
export { recordHistory, type SchoolQualityMark, type HistoryEntry, type WatchItem } from './listing';
export { qualityMarkTable, qualityMarkDashboard, parseFilters, type TableFilters, type TableRow, type Dashboard } from './table';
export { qualityMarkCsv } from './csv';
/** Today in England, from the app's one clock. */
export { today as todayIso } from '../clock';
export { recordPage, type RecordPage } from './page';
