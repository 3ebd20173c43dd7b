// The parts of GOV.UK Frontend's JavaScript that Triage uses. The package ships no type declarations.
declare module 'govuk-frontend' {
	export interface GovukComponent {
		new (root: Element, config?: object): object;
		readonly moduleName: string;
	}
	export const ErrorSummary: GovukComponent;
	export const ServiceNavigation: GovukComponent;
	export const SkipLink: GovukComponent;
}
