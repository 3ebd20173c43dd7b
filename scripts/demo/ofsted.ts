// The demo LA's Ofsted outcomes since GIAS stopped showing them: an Ofsted MI file ("latest
// inspections as at ...") written by the project's own generator in its real layout, then imported
// like any LA's. It has report cards, graded inspections with and without an overall grade, ungraded
// inspections, and schools DfE would put in special measures or offer RISE targeted intervention.
import { writeMiFile, miFileName, type MiColumn, type MiSchool } from '../generate/ofsted-mi-file';
import { seededRandom, pick } from './random';
import { byLa, type DemoSchool } from './schools';
import { startOfMonth, subDays } from 'date-fns';
import { toDate, toIso, type IsoDate } from '../../src/lib/domain/calendar/iso-date';
import { longDate } from '../../src/lib/domain/format';
import { today as clockToday } from '../../src/lib/server/clock';

const AREAS: MiColumn[] = [
	'Inclusion',
	'Curriculum and teaching',
	'Achievement',
	'Attendance and behaviour',
	'Personal development and wellbeing',
	'Leadership and governance'
];
const GRADE_OF: Record<string, string> = {
	Outstanding: '1',
	Good: '2',
	'Requires improvement': '3',
	Inadequate: '4',
	'Serious Weaknesses': '4',
	'Special Measures': '4'
};

/** The file's "as at" date: the end of last month, as Ofsted publishes it. */
export function demoMiAsAt(today: IsoDate): IsoDate {
	return toIso(subDays(startOfMonth(toDate(today)), 1));
}

function isoDay(base: string, plusDays: number): string {
	return new Date(Date.parse(`${base}T00:00:00Z`) + plusDays * 86_400_000).toISOString().slice(0, 10);
}

/** A grade 1 to 4 near the school's strength: weaker schools get 3s, the strongest a 1. */
function judgement(strength: number, random: () => number): string {
	const centre = strength < -14 ? 3 : strength > 14 ? 1.6 : 2;
	return String(Math.min(4, Math.max(1, Math.round(centre + (random() - 0.5)))));
}

/**
 * Each school's latest inspections of each kind. The weakest school has a report card in special
 * measures; the next weakest school graded Requires improvement in GIAS was inspected again in 2025
 * with no overall grade and quality of education 3, so it is "stuck" (RISE). Other schools: a report
 * card for about a quarter (since November 2025), an inspection with no overall grade for about a
 * fifth (September 2024 to November 2025), and an ungraded inspection for about a third.
 */
export function demoMiSchools(schools: readonly DemoSchool[], asAtIso: string): MiSchool[] {
	const random = seededRandom(7);
	const byStrength = [...schools].sort((a, b) => a.strength - b.strength || a.urn - b.urn);
	const specialMeasures = byStrength[0].urn;
	const stuck = byStrength.find((s) => s.urn !== specialMeasures && s.ofstedRating === 'Requires improvement')?.urn;
	return schools.map((s) => {
		const mi: MiSchool = { urn: s.urn, laCode: s.laCode, name: s.name, phase: 'Primary' };
		// The graded inspection GIAS last showed, as the MI file also has it.
		if (s.ofstedRating && s.ofstedDate && GRADE_OF[s.ofstedRating]) {
			const g = GRADE_OF[s.ofstedRating];
			mi.graded = {
				date: s.ofstedDate,
				published: isoDay(s.ofstedDate, 30),
				overall: g,
				qualityOfEducation: g,
				behaviourAndAttitudes: g,
				personalDevelopment: g,
				leadershipAndManagement: g
			};
		}
		const roll = random();
		if (s.urn === specialMeasures) {
			mi.reportCard = {
				date: isoDay(asAtIso, -75),
				published: isoDay(asAtIso, -40),
				safeguarding: 'Not met',
				category: 'SM',
				areas: {
					Inclusion: 'Needs attention',
					'Curriculum and teaching': 'Needs attention',
					Achievement: 'Urgent improvement',
					'Attendance and behaviour': 'Expected standard',
					'Personal development and wellbeing': 'Expected standard',
					'Leadership and governance': 'Urgent improvement'
				}
			};
		} else if (s.urn === stuck) {
			mi.graded = {
				date: '2025-03-12',
				published: '2025-04-20',
				overall: 'Not judged',
				qualityOfEducation: '3',
				behaviourAndAttitudes: '2',
				personalDevelopment: '2',
				leadershipAndManagement: '3'
			};
		} else if (roll < 0.25) {
			const weak = s.strength < -10;
			mi.reportCard = {
				date: isoDay('2025-11-17', Math.floor(random() * 300)),
				safeguarding: 'Met',
				areas: Object.fromEntries(
					AREAS.map((a) => [a, weak && random() < 0.4 ? 'Needs attention' : s.strength > 12 && random() < 0.5 ? 'Strong standard' : 'Expected standard'])
				)
			};
			mi.reportCard.published = isoDay(mi.reportCard.date, 35);
		} else if (roll < 0.45) {
			const [q, b, p, l] = [judgement(s.strength, random), judgement(s.strength, random), judgement(s.strength, random), judgement(s.strength, random)];
			const date = isoDay('2024-09-16', Math.floor(random() * 400));
			mi.graded = {
				date,
				published: isoDay(date, 30),
				overall: 'Not judged',
				qualityOfEducation: q,
				behaviourAndAttitudes: b,
				personalDevelopment: p,
				leadershipAndManagement: l
			};
		}
		if (random() < 0.33 && mi.graded && mi.graded.overall !== 'Not judged' && mi.graded.date < '2023-09-01') {
			const date = isoDay('2023-10-02', Math.floor(random() * 600));
			mi.ungraded = {
				date,
				published: isoDay(date, 28),
				outcome:
					s.strength < -8 && random() < 0.5
						? 'Some aspects not as strong'
						: pick(random, ['School remains Good', 'Standards maintained', 'School remains Good'])
			};
		}
		return mi;
	});
}

/** Writes the demo MI file (Windows-1252, as Ofsted publishes it) and returns its path. */
export function writeDemoMiFile(dir: string, schools: readonly DemoSchool[], today: IsoDate = clockToday()): string {
	const asAtIso = demoMiAsAt(today);
	const path = `${dir}/${miFileName(longDate(asAtIso))}`;
	// Each LA's inspections are made as one LA's would be; the file has them all, as Ofsted's does.
	writeMiFile(
		path,
		byLa(schools).flatMap((group) => demoMiSchools(group, asAtIso))
	);
	return path;
}
