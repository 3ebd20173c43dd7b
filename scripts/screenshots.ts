// Takes the README's screenshots from a running app: npm start, then npm run screenshots (ONLY=name,... for some).
import { mkdirSync } from 'node:fs';
import { chromium } from 'playwright-core';

const BASE = process.env.BASE_URL ?? 'http://localhost:3000';
const OUT = 'static/screenshots';
const PASSWORD = process.env.DEMO_PASSWORD ?? 'triage-demo-2026';

/** [file name, account, path, and the most of the page's height to show] for each screenshot in the README. */
const SHOTS: [string, string, string, number?][] = [
	['overview', 'admin@westmoor.example.org', '/', 2600],
	// A Secure Plus school holding a Quality Mark, in the demo LA.
	['school-profile', 'lead.adviser@westmoor.example.org', '/schools/190260', 2300],
	['schools', 'adviser@westmoor.example.org', '/schools?flag=below_2_of_3&sort=category&dir=desc', 1400],
	['my-school', 'head@westmoor.example.org', '/', 2300],
	['users', 'admin@westmoor.example.org', '/admin/users'],
	// The demo's 2024/25 school performance data set from Explore Education Statistics, as imported.
	['import-ees', 'analyst@westmoor.example.org', '/imports/10', 1800],
	// The demo school whose report card puts it in special measures.
	['intervention', 'lead.adviser@westmoor.example.org', '/schools/190799', 1500],
	// School-to-school support: the matches proposed for the demo LA's schools that need support.
	['brokerage', 'lead.adviser@westmoor.example.org', '/brokerage', 1500]
];

mkdirSync(OUT, { recursive: true });
const browser = await chromium.launch({
	executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
	args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking']
});
// ONLY=brokerage,overview takes just those.
const only = process.env.ONLY?.split(',');
for (const [name, email, path, maxHeight] of SHOTS.filter(([name]) => !only || only.includes(name))) {
	const page = await browser.newPage({ baseURL: BASE, viewport: { width: 1280, height: 800 } });
	await page.goto('/login', { waitUntil: 'networkidle' });
	await page.getByLabel('Email address').fill(email);
	await page.getByLabel('Password').fill(PASSWORD);
	await page.getByRole('button', { name: 'Sign in' }).click();
	await page.waitForURL((u) => u.pathname !== '/login');
	await page.goto(path, { waitUntil: 'networkidle' });
	const height = await page.evaluate(() => document.documentElement.scrollHeight);
	const clip = maxHeight && height > maxHeight ? { x: 0, y: 0, width: 1280, height: maxHeight } : undefined;
	await page.screenshot({ path: `${OUT}/${name}.png`, fullPage: true, clip });
	console.log(`${OUT}/${name}.png`);
	await page.close();
}
await browser.close();
