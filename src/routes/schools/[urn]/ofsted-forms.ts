import type { OfstedType } from '$lib/domain/analysis/soft-intelligence';

/** The forms for recording an Ofsted outcome: the form's name (in its address, and its ids' prefix), its kind and its words. */
export const RECORD_OFSTED: readonly { name: string; kind: OfstedType; summary: string; title: string; button: string }[] = [
	{
		name: 'card',
		kind: 'ofsted_report_card',
		summary: 'Record an Ofsted report card (from November 2025)',
		title: 'Record an Ofsted report card',
		button: 'Add the report card'
	},
	{
		name: 'grade',
		kind: 'ofsted_legacy',
		summary: 'Record an Ofsted graded inspection (2019 framework, before November 2025)',
		title: 'Record an Ofsted graded inspection',
		button: 'Add the graded inspection'
	},
	{
		name: 'ungraded',
		kind: 'ofsted_ungraded',
		summary: 'Record an Ofsted ungraded inspection',
		title: 'Record an Ofsted ungraded inspection',
		button: 'Add the ungraded inspection'
	}
];
