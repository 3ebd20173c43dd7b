import adapter from '@sveltejs/adapter-node';
import { vitePreprocess } from '@sveltejs/vite-plugin-svelte';

/** @type {import('@sveltejs/kit').Config} */
const config = {
	preprocess: vitePreprocess(),
	kit: {
		// SvelteKit's origin (CSRF) check is on by default and stays on: no `csrf` option here.
		adapter: adapter({ out: 'build' })
	}
};

export default config;
