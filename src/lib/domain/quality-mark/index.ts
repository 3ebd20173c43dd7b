/** Quality Mark domain: frameworks as data, their rules, the self-audit and review, and the lifecycle. */
export * from './framework-shape';
export * from './frameworks';
export * from './basic-skills-framework';
export * from './professional-development-framework';
export * from './rules';
export * from './self-audit';
export * from './assessor-review';
export * from './lifecycle';
export * from './overview';
export type { IsoDate } from './iso-date';
export * from './framework-check';
export * from './certificate';
