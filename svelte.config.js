import adapter from '@sveltejs/adapter-node';
import { vitePreprocess } from '@sveltejs/vite-plugin-svelte';

/** @type {import('@sveltejs/kit').Config} */
const config = {
	preprocess: vitePreprocess(),
	kit: {
		// SvelteKit's origin (CSRF) check is on by default and stays on: no `csrf` option here.
		adapter: adapter({ out: 'build' }),
		// A Content-Security-Policy on every page. Hashes rather than nonces, so a page the page cache
		// keeps stays valid when it is sent again. Styles may be inline (Svelte and the charts write
		// style attributes); scripts come only from this site.
		csp: {
			mode: 'hash',
			directives: {
				'default-src': ['self'],
				'script-src': ['self'],
				'style-src': ['self', 'unsafe-inline'],
				'img-src': ['self', 'data:'],
				'font-src': ['self'],
				'connect-src': ['self'],
				'form-action': ['self'],
				'frame-ancestors': ['none'],
				'base-uri': ['self'],
				'object-src': ['none']
			}
		},
		// The project's TypeScript settings live here, in the tsconfig SvelteKit generates, so the
		// top level of the project holds only what docs/architecture.md lists. Strict, and covering the CLI,
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
