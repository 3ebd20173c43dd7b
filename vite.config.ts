/// <reference types="vitest/config" />
// Vite's own defineConfig, so `npm start` can build on a production install without the test tools;
// the reference above types the `test` section for vitest.
import { sveltekit } from '@sveltejs/kit/vite';
import { availableParallelism } from 'node:os';
import { defineConfig } from 'vite';

export default defineConfig({
	plugins: [sveltekit()],
	// GOV.UK Frontend's Sass is imported from node_modules by its own paths (src/govuk-frontend.scss).
	css: { preprocessorOptions: { scss: { loadPaths: ['node_modules'] } } },
	test: {
		expect: { requireAssertions: true },
		// At least two files at once, even on two cores: a browser test spends much of its time waiting
		// on Chromium and its app server, which another file's work can fill. Each e2e worker has an app
		// server and demo database of its own (tests/e2e/global-setup.ts).
		maxWorkers: Math.max(2, availableParallelism() - 1),
		projects: [
			{
				extends: './vite.config.ts',
				test: {
					name: 'unit',
					environment: 'node',
					include: ['src/**/*.test.ts'],
					// Pure functions and their tables, with no mocks, timers or environment set: one module graph
					// for every file spares loading it again for each of them (about two thirds of the unit run).
					isolate: false
				}
			},
			{
				extends: './vite.config.ts',
				test: {
					name: 'integration',
					environment: 'node',
					include: ['tests/integration/**/*.test.ts', 'tests/conformance/**/*.test.ts'],
					// One module graph per worker, not one per file: loading kysely, the importer and the app's modules
					// again for each of about fifty files was a third of the run. Each file's tests clean up after
					// themselves through the setup file, which runs again before every file.
					isolate: false,
					setupFiles: ['tests/helpers/per-file.ts'],
					testTimeout: 60_000
				}
			},
			{
				extends: './vite.config.ts',
				test: {
					name: 'integration-pg',
					environment: 'node',
					// The integration tests again, on a throwaway PostgreSQL (DATABASE_URL=postgres://...). Listed one by
					// one, to leave out the tests of SQLite itself (migrations.test.ts), of the CLI on a file and of no database.
					include: [
						'tests/conformance/dfe-files.test.ts',
						'tests/conformance/ees-files.test.ts',
						'tests/integration/audit-log.test.ts',
						'tests/integration/brokerage.test.ts',
						'tests/integration/brokerage-settings.test.ts',
						'tests/integration/bulk-writer.test.ts',
						'tests/integration/cli-database.test.ts',
						'tests/integration/data-version-imports.test.ts',
						'tests/integration/exports.test.ts',
						'tests/integration/import-bad-input.test.ts',
						'tests/integration/import-csv.test.ts',
						'tests/integration/import-damaged.test.ts',
						'tests/integration/import-ees-signals.test.ts',
						'tests/integration/import-ees.test.ts',
						'tests/integration/import-history.test.ts',
						'tests/integration/import-jobs.test.ts',
						'tests/integration/import-ofsted-mi.test.ts',
						'tests/integration/analysis-cli.test.ts',
						'tests/integration/analysis-moderation.test.ts',
						'tests/integration/analysis-policy.test.ts',
						'tests/integration/analysis-runs.test.ts',
						'tests/integration/data-version.test.ts',
						'tests/integration/disagreements.test.ts',
						'tests/integration/intervention.test.ts',
						'tests/integration/la-scope.test.ts',
						'tests/integration/la-lists.test.ts',
						'tests/integration/la-policies.test.ts',
						'tests/integration/la-schedule.test.ts',
						'tests/integration/partnerships.test.ts',
						'tests/integration/migrations-down-up.test.ts',
						'tests/integration/overview.test.ts',
						'tests/integration/overview-school-profile.test.ts',
						'tests/integration/quality-mark.test.ts',
						'tests/integration/quality-mark-visits.test.ts',
						'tests/integration/schedule-calendar.test.ts',
						'tests/integration/schedule-ics.test.ts',
						'tests/integration/schedule-permissions.test.ts',
						'tests/integration/schedule-planning.test.ts',
						'tests/integration/schedule-subscription.test.ts',
						'tests/integration/schedule-templates.test.ts',
						'tests/integration/school-list.test.ts',
						'tests/integration/self-evaluation.test.ts',
						'tests/integration/sign-in.test.ts',
						'tests/integration/soft-intelligence.test.ts',
						'tests/integration/upload-limits.test.ts',
						'tests/integration/user-las.test.ts',
						'tests/integration/users.test.ts',
						'tests/integration/writers-at-once.test.ts'
					],
					globalSetup: ['tests/helpers/postgres-cluster.ts'],
					isolate: false,
					setupFiles: ['tests/helpers/per-file.ts'],
					testTimeout: 60_000,
					hookTimeout: 120_000
				}
			},
			{
				extends: './vite.config.ts',
				test: {
					name: 'e2e-pg',
					environment: 'node',
					// The app built and started as `npm start` starts it, on PostgreSQL with the demo loaded: every page
					// for every role, what is refused when signed out, and a headteacher kept to their own school.
					include: [
						'tests/e2e/access.test.ts',
						'tests/e2e/every-page.test.ts',
						'tests/e2e/headteacher-isolation.test.ts',
						'tests/e2e/regional.test.ts',
						'tests/e2e/la-isolation.test.ts'
					],
					globalSetup: ['tests/helpers/postgres-cluster.ts', 'tests/e2e/global-setup.ts'],
					testTimeout: 60_000,
					hookTimeout: 300_000,
					fileParallelism: false
				}
			},
			{
				extends: './vite.config.ts',
				test: {
					name: 'e2e',
					environment: 'node',
					include: ['tests/e2e/**/*.test.ts'],
					globalSetup: ['tests/e2e/global-setup.ts'],
					testTimeout: 60_000,
					hookTimeout: 300_000
				}
			}
		]
	}
});
