/** Planning and delivering the year's engagements: templates, calendar, capacity, the plan, notes of visit, ICS. */
export { loadTemplates, templatesOf, lasWithOwnTemplates, saveTemplate, addTemplate, deleteTemplate, resetTemplates } from './templates';
export { templateFromForm, templateFormValues } from './template-form';
export {
	loadCalendar,
	saveTermDates,
	resetTermDates,
	closuresFor,
	addClosure,
	removeClosure,
	INSTALLATION,
	type ClosureDay,
	type StoredCalendar,
	type SettingsScope
} from './calendar';
export {
	DEFAULT_DAYS_PER_WEEK,
	listAdvisers,
	getAdviser,
	setCapacity,
	toPlannerAdvisers,
	addDaysOff,
	removeDayOff,
	linkSchools,
	reassignSchools,
	type AdviserSummary,
	type LinkSchool
} from './advisers';
export { planningYear, plannedYears, defaultScheduleYear, yearParam, schoolYearOf, today } from './years';
export { buildPlanInput, planSchools, liveEngagementRows } from './plan-input';
export {
	planYear,
	planScopes,
	storedPlan,
	latestPlanRun,
	planCounts,
	runPlanner,
	notBeforeFor,
	schoolsChangedSince,
	planInputsChangedSince,
	type PlanRunSummary,
	type PlanOutcome
} from './planning';
export { listEngagements, getEngagement, overdueEngagements, type EngagementView, type EngagementFilter } from './engagements';
export { confirmEngagement, moveEngagement, cancelEngagement, engagementToChange } from './tracking';
export { noteFromForm, noteProblems, openAfis, notesFor, publishDraft, saveNote, RAG_RATINGS, type NoteInput, type NoteView } from './notes';
export { engagementsForSchool, type SchoolEngagements, type AfiProgress } from './school';
export { engagementsCalendar, icsEngagements, adviserFeed, schoolFeed, type IcsEngagement } from './ics';
export { calendarLaOf, capacityView, planScopeOf, type CapacityView } from './capacity';
export { TERMS, isTerm, termOf, monthsOf, monthFor, monthLabel, monthGrid, weekOf, halfTermHeading, type Term } from './views';
export { reassignFromForm } from './reassign-form';
export { exportPlan, exportedPlanIcs, type ExportedPlan, type ExportedEngagement } from './export';
export { newSubscription, revokeSubscription, subscribedCalendar, subscriptionMadeAt } from './subscription';
