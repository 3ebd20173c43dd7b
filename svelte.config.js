import adapter from '@sveltejs/adapter-node';
import { vitePreprocess } from '@sveltejs/vite-plugin-svelte';
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';

// The one inline script in src/app.html, GOV.UK Frontend's, marks the body as able to run its
// JavaScript before anything is drawn. The policy allows exactly that script, by its hash, read from
// the file so that reformatting it cannot break the page.
const appHtml = readFileSync(new URL('./src/app.html', import.meta.url), 'utf8');
const bodyScript = /<script>([\s\S]*?)<\/script>/.exec(appHtml)?.[1] ?? '';
/** @type {`sha256-${string}`} */
const bodyScriptHash = `sha256-${createHash('sha256').update(bodyScript).digest('base64')}`;

/** @type {import('@sveltejs/kit').Config} */
const config = {
	preprocess: vitePreprocess(),
	kit: {
		// SvelteKit's origin (CSRF) check is on by default and stays on: no `csrf` option here.
		adapter: adapter({ out: 'build' }),
		// A Content-Security-Policy on every page. Hashes rather than nonces, so a page the page cache
		// keeps stays valid when it is sent again. Styles may be inline (Svelte and the charts write
		// style attributes); scripts come only from this site, apart from the body script above.
		csp: {
			mode: 'hash',
			directives: {
				'default-src': ['self'],
				'script-src': ['self', bodyScriptHash],
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
