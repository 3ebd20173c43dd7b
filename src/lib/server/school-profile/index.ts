import type { Db } from '../db';
import type { SessionUser } from '../auth/session';
import { getSchool, toSchool } from '../schools';
import { can } from '../../domain/access';
import { adoptedPolicy } from '../analysis/policy-store';
import { schoolAnalysisView, type SchoolAnalysisView, type SchoolCategoryView } from '../analysis/school-profile';
import type { CategoriseResult } from '../../domain/analysis/engine';
import { latestKs2Year, loadKs2ForAnalysis } from '../import/ks2-repository';
import { engagementsForSchool, type SchoolEngagements } from '../schedule/school';
import { qualityMarkForSchool } from '../quality-mark/queries';
import { listPartnerships } from '../brokerage/partnerships';
import type { PartnershipStatus } from '../../domain/brokerage/partnership';
import type { SchoolQualityMark } from '../quality-mark/listing';
import { getSummary } from '../self-evaluation';
import { schoolIntervention, type Intervention } from '../intervention';
import { listDisagreements } from '../disagreements';
import { agreedCategory, schoolVisibleHistory, type AgreedCategory } from './agreed-category';
import { schoolResults, type SchoolResults } from './results';
import { pupilGroupsForSchool, type PupilGroups } from './pupil-groups';
import type { HistoryStep } from '../analysis/moderation';
import { schoolYearOf, type SeStatus } from '../../domain/self-evaluation/summary';

export { agreedCategory, schoolVisibleHistory, SCHOOL_VISIBLE_ACTIONS, type AgreedCategory } from './agreed-category';
export { schoolResults, TREND_YEARS, type SchoolResults, type KeyFigure, type DisadvantagedYear, type ProgressYear } from './results';
export { compareWith, wilsonInterval, TONE_LABELS, type Comparison, type SignificanceTone } from './significance';

type SchoolRow = NonNullable<Awaited<ReturnType<typeof getSchool>>>;

/** Everything a school's profile and its headteacher's "My school" page share. */
export interface SchoolOverview {
	school: SchoolRow;
	results: SchoolResults;
	/** Pupil groups and average scaled scores from the EES data sets, beside the LA and England. */
	pupilGroups: PupilGroups | null;
	agreed: AgreedCategory | null;
	/** DfE's intervention status as of today, shown beside the category; the school sees it too (it rests on Ofsted's published inspections). */
	intervention: Intervention | null;
	engagements: SchoolEngagements;
	qualityMarks: SchoolQualityMark[];
	/** School-to-school support this school gives or gets; a headteacher sees only those a lead adviser has agreed. */
	partnerships: SchoolPartnership[];
	selfEvaluation: { year: number; status: SeStatus | null };
	/** Secure Plus and holding a Quality Mark: a school that could lead support for others (docs/categories.md, The five categories). */
	couldLeadSupport: { frameworks: string[] } | null;
}

/** What the staff page shows of the engine's result: its reasons, not the whole evidence record. */
export type ResultSummary = Pick<CategoriseResult, 'confidence' | 'confidenceReasons' | 'firedRules' | 'summary' | 'needsConfirmation' | 'confirmationReason'>;

export interface StaffAnalysis extends Omit<SchoolAnalysisView, 'category'> {
	category: (Omit<SchoolCategoryView, 'result'> & { result: ResultSummary | null }) | null;
}

export interface StaffSchoolProfile extends SchoolOverview {
	viewer: 'staff';
	analysis: StaffAnalysis;
	/** Disagreements from the school not yet decided. */
	openDisagreements: number;
}

export interface HeadteacherSchoolProfile extends SchoolOverview {
	viewer: 'headteacher';
	/** Agreements and the school's own disagreements only. */
	history: HistoryStep[];
}

export type SchoolProfile = StaffSchoolProfile | HeadteacherSchoolProfile;

/** The school's results, from its own rows and the LA and England averages: nothing of any other school. */
export async function resultsForSchool(db: Db, school: Pick<SchoolRow, 'urn' | 'name' | 'la_code' | 'la_name' | 'age_high'>): Promise<SchoolResults> {
	const [{ results, comparators }, latestYear, policy] = await Promise.all([
		loadKs2ForAnalysis(db, { urns: [school.urn] }),
		latestKs2Year(db),
		// The school's own LA's policy, which its category was worked out on: its bands and flags match its reasons.
		adoptedPolicy(db, school.la_code)
	]);
	return schoolResults({
		school: { name: school.name, laCode: school.la_code, laName: school.la_name, ageHigh: school.age_high },
		rows: results,
		comparators,
		latestYear,
		thresholds: policy.policy.thresholds
	});
}

/** One partnership as a school's page lists it. */
export interface SchoolPartnership {
	id: number;
	/** True when this school is the one supported. */
	supported: boolean;
	partner: string;
	need: string;
	status: PartnershipStatus;
	schoolYearLabel: string;
}

async function schoolOverview(db: Db, school: SchoolRow, viewer: 'staff' | 'headteacher', today: string): Promise<SchoolOverview> {
	const seYear = schoolYearOf(today);
	const [results, pupilGroups, agreed, intervention, engagements, qualityMarks, summary, partnerships] = await Promise.all([
		resultsForSchool(db, school),
		pupilGroupsForSchool(db, school.urn, school.la_code),
		agreedCategory(db, school.urn),
		schoolIntervention(db, school.urn, today),
		engagementsForSchool(db, school.urn, { publishedNotesOnly: viewer === 'headteacher' }),
		qualityMarkForSchool(db, school.urn, today),
		getSummary(db, school.urn, seYear),
		listPartnerships(db, { urns: [school.urn] })
	]);
	const held = qualityMarks.filter((q) => q.holdsAward).map((q) => q.frameworkName);
	return {
		school,
		results,
		pupilGroups,
		agreed,
		intervention,
		engagements,
		qualityMarks,
		partnerships: partnerships
			.filter((p) => viewer === 'staff' || p.agreedAt !== null)
			.map((p) => {
				const supported = p.supported.urn === school.urn;
				return {
					id: p.id,
					supported,
					partner: supported ? p.supporting.name : p.supported.name,
					need: p.need,
					status: p.status,
					schoolYearLabel: p.schoolYearLabel
				};
			}),
		selfEvaluation: { year: seYear, status: summary?.status ?? null },
		couldLeadSupport: agreed?.category === 'secure_plus' && held.length > 0 ? { frameworks: held } : null
	};
}

function slim(view: SchoolAnalysisView): StaffAnalysis {
	if (!view.category?.result) return view;
	const { confidence, confidenceReasons, firedRules, summary, needsConfirmation, confirmationReason } = view.category.result;
	return { ...view, category: { ...view.category, result: { confidence, confidenceReasons, firedRules, summary, needsConfirmation, confirmationReason } } };
}

/**
 * One school's profile for the person asking. The caller has already checked they may see the
 * school (`school.view`). Those who see the LA's working on it (staff) get the analysis with its
 * proposal, confidence and register; the school gets the agreed category only. Null when there is
 * no such school.
 */
export async function schoolProfile(db: Db, user: SessionUser, urn: number, today: string): Promise<SchoolProfile | null> {
	const school = await getSchool(db, urn);
	if (!school) return null;
	const ref = toSchool(school);
	if (!can(user, 'school.seeWorking', ref)) {
		const [overview, history] = await Promise.all([schoolOverview(db, school, 'headteacher', today), schoolVisibleHistory(db, urn)]);
		return { ...overview, viewer: 'headteacher', history };
	}
	const [overview, analysis, disagreements] = await Promise.all([
		schoolOverview(db, school, 'staff', today),
		schoolAnalysisView(db, user, ref),
		listDisagreements(db, urn)
	]);
	return { ...overview, viewer: 'staff', analysis: slim(analysis), openDisagreements: disagreements.filter((d) => d.status !== 'decided').length };
}

/** A headteacher's "My school": the profile of each of their schools, as the school sees it. */
export async function mySchools(db: Db, user: SessionUser, today: string): Promise<HeadteacherSchoolProfile[]> {
	const profiles = await Promise.all(user.schoolUrns.map((urn) => schoolProfile(db, user, urn, today)));
	return profiles
		.filter((p): p is HeadteacherSchoolProfile => p !== null && p.viewer === 'headteacher')
		.sort((a, b) => a.school.name.localeCompare(b.school.name));
}
