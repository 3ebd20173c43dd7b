/*
 * Pure helpers behind the chart components in $lib/components/charts: layout, scales, wording,
 * palette. The types here are the components' prop types, so a page can build chart data in its
 * load function without importing Svelte.
 */
export * from './contrast';
export * from './counts';
export * from './flow';
export * from './format';
export * from './keyboard';
export * from './palette';
export * from './progress';
export * from './scales';
export * from './scatter';
export * from './series';
export * from './symbols';
export * from './workload';
export * from './scatter-drawing';
