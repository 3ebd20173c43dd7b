import adapter from '@sveltejs/adapter-node';
import { vitePreprocess } from '@sveltejs/vite-plugin-svelte';

/** @type {import('@sveltejs/kit').Config} */
const config = {
	preprocess: vitePreprocess(),
	kit: {
		// SvelteKit's origin (CSRF) check is on by default and stays on: no `csrf` option here.
		adapter: adapter({ out: 'build' }),
		// The project's TypeScript settings live here, in the tsconfig SvelteKit generates, so the
		// top level of the project holds only what the brief lists. Strict, and covering the CLI,
		// scripts and migrations as well as the app and tests.
		typescript: {
			config(config) {
				config.include.push('../scripts/**/*.ts', '../scripts/**/*.mjs', '../db/**/*.ts', '../svelte.config.js');
				Object.assign(config.compilerOptions, {
					allowJs: true,
					checkJs: true,
					esModuleInterop: true,
					forceConsistentCasingInFileNames: true,
					resolveJsonModule: true,
					skipLibCheck: true,
					sourceMap: true,
					strict: true,
					types: ['node']
				});
			}
		}
	}
};

export default config;
