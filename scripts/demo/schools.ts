import { pick, seededRandom } from './random';

export type DemoPhase = 'infant' | 'junior' | 'primary' | 'special';

/** A made-up LA of the demo: its code (one no real LA uses), its name, and how its schools are made. */
export interface DemoLa {
	code: string;
	name: string;
	/** The first school's URN; the rest follow 7 apart. */
	firstUrn: number;
	/** The letters its postcodes start with. */
	postcode: string;
	towns: readonly string[];
	/** Each LA's schools come from a random sequence of their own, so the first LA's are the same with or without a second. */
	seed: number;
}

export interface DemoSchool {
	urn: number;
	laCode: string;
	laName: string;
	establishmentNumber: string;
	name: string;
	phase: DemoPhase;
	type: string;
	ageLow: number;
	ageHigh: number;
	town: string;
	street: string;
	postcode: string;
	headName: string;
	easting: number;
	northing: number;
	/** Underlying strength, used to generate results: negative means weaker than England. */
	strength: number;
	ofstedRating: string | null;
	ofstedDate: string | null;
}

const TOWNS = ['Westmoor', 'Ashby Cross', 'Brackenford', 'Colley Vale', 'Dunmere', 'Elmsworth', 'Farleigh', 'Greystone', 'Holloway End', 'Kestle'];

/** The demo LA: the one `npm start` loads. */
export const DEMO_LA: DemoLa = { code: '999', name: 'Westmoor', firstUrn: 190001, postcode: 'WM', towns: TOWNS, seed: 2026 };

/** The second LA of `npm run demo -- --las 2`. */
export const SECOND_DEMO_LA: DemoLa = {
	code: '998',
	name: 'Eastbrook',
	firstUrn: 290001,
	postcode: 'EB',
	towns: ['Eastbrook', 'Ashwell', 'Barnsby', 'Cotterill', 'Dunholme', 'Fenwick', 'Harlow Green', 'Kettleby', 'Linford', 'Marston'],
	seed: 2027
};

/** The LAs the demo can load, in order: `--las 2` loads the first two. */
export const DEMO_LAS: readonly DemoLa[] = [DEMO_LA, SECOND_DEMO_LA];
const PLACES = [
	'Oakfield',
	'Riverside',
	'Hillcrest',
	'Meadowbank',
	'Northgate',
	'Southlands',
	'Brook Lane',
	'Church Road',
	'Park View',
	'Willow Green',
	'Castle Hill',
	'Mill Lane',
	'Orchard',
	'Ferndale',
	'Highfield',
	'Lakeside',
	'Moorland',
	'Stonebridge'
];
const SAINTS = ['St Mary’s', 'St John’s', 'St Peter’s', 'Holy Trinity', 'St Anne’s', 'Christ Church', 'St Michael’s', 'All Saints'];
const FIRST = [
	'Amara',
	'Ben',
	'Carys',
	'David',
	'Elin',
	'Farah',
	'Gareth',
	'Hannah',
	'Imran',
	'Joanne',
	'Kofi',
	'Laura',
	'Mark',
	'Nadia',
	'Owen',
	'Priya',
	'Rachel',
	'Sam',
	'Tom',
	'Zoe'
];
/** Names the demo gives only with Mr (or Dr); the rest only with Mrs, Ms (or Dr). Sam goes with any. */
const WITH_MR = new Set(['Ben', 'David', 'Gareth', 'Imran', 'Kofi', 'Mark', 'Owen', 'Tom']);

/** A title that fits the first name: the one picked, unless it would read oddly, as "Mr Zoe" does. */
function headName(title: string, first: string, last: string): string {
	const fits = title === 'Dr' || first === 'Sam' || (title === 'Mr') === WITH_MR.has(first);
	return `${fits ? title : WITH_MR.has(first) ? 'Mr' : 'Ms'} ${first} ${last}`;
}

const LAST = [
	'Adams',
	'Bennett',
	'Clarke',
	'Dhillon',
	'Evans',
	'Fletcher',
	'Green',
	'Hughes',
	'Iqbal',
	'Jones',
	'Khan',
	'Lewis',
	'Morgan',
	'Nowak',
	'Okafor',
	'Patel',
	'Roberts',
	'Shah',
	'Turner',
	'Walsh'
];
const TYPES = ['Community school', 'Voluntary aided school', 'Voluntary controlled school', 'Academy converter', 'Academy sponsor led', 'Foundation school'];
const OFSTED = ['Outstanding', 'Good', 'Good', 'Good', 'Good', 'Requires improvement', 'Inadequate'];

/** About 120 schools of `la`: mostly primary, with infant and junior pairs and a few special schools. */
export function demoSchools(count = 120, la: DemoLa = DEMO_LA): DemoSchool[] {
	const random = seededRandom(la.seed);
	const used = new Set<string>();
	const schools: DemoSchool[] = [];
	for (let i = 0; i < count; i++) {
		const r = i / count;
		const phase: DemoPhase = r < 0.05 ? 'special' : r < 0.15 ? 'infant' : r < 0.25 ? 'junior' : 'primary';
		const faith = random() < 0.25;
		const place = faith ? pick(random, SAINTS) : pick(random, PLACES);
		const town = pick(random, la.towns);
		// Real LAs repeat names across towns ("Westmoor St Mary's"); try each town before giving up.
		const options = [place, `${town} ${place}`, ...la.towns.map((t) => `${t} ${place}`), ...PLACES.map((p) => `${town} ${p}`)];
		const base = options.find((o) => !used.has(o)) ?? `${town} ${place} ${i}`;
		used.add(base);
		const suffix = { infant: 'Infant School', junior: 'Junior School', primary: faith ? 'CE Primary School' : 'Primary School', special: 'School' }[phase];
		const name = phase === 'special' ? `${base} Special School` : `${base} ${suffix}`;
		const type = phase === 'special' ? 'Community special school' : faith ? pick(random, TYPES.slice(1, 3)) : pick(random, TYPES);
		const [ageLow, ageHigh] = { infant: [4, 7], junior: [7, 11], primary: [4, 11], special: [3, 19] }[phase];
		// A bell-ish spread of strength, so every category is used.
		const strength = (random() + random() + random() - 1.5) * 22;
		const rated = random() < 0.85;
		const ofstedRating = rated
			? strength < -12 && random() < 0.5
				? pick(random, OFSTED.slice(5))
				: strength > 12 && random() < 0.4
					? 'Outstanding'
					: pick(random, OFSTED.slice(0, 6))
			: null;
		const inspected = new Date(Date.UTC(2018 + Math.floor(random() * 7), Math.floor(random() * 12), 1 + Math.floor(random() * 27)));
		schools.push({
			urn: la.firstUrn + i * 7,
			laCode: la.code,
			laName: la.name,
			establishmentNumber: String((phase === 'special' ? 7000 : 2000) + i),
			name,
			phase,
			type,
			ageLow,
			ageHigh,
			town,
			street: `${1 + Math.floor(random() * 90)} ${pick(random, PLACES)} Road`,
			postcode: `${la.postcode}${1 + Math.floor(random() * 9)} ${Math.floor(random() * 9)}${String.fromCharCode(65 + Math.floor(random() * 26))}${String.fromCharCode(65 + Math.floor(random() * 26))}`,
			headName: headName(pick(random, ['Mr', 'Mrs', 'Ms', 'Dr']), pick(random, FIRST), pick(random, LAST)),
			easting: 430000 + Math.floor(random() * 40000),
			northing: 120000 + Math.floor(random() * 40000),
			strength,
			ofstedRating,
			ofstedDate: ofstedRating ? inspected.toISOString().slice(0, 10) : null
		});
	}
	return schools;
}

/** The demo's schools by LA, in the order given: each LA's files are made from its own schools, as one LA's would be. */
export function byLa(schools: readonly DemoSchool[]): DemoSchool[][] {
	const groups = new Map<string, DemoSchool[]>();
	for (const s of schools) groups.set(s.laCode, [...(groups.get(s.laCode) ?? []), s]);
	return [...groups.values()];
}
