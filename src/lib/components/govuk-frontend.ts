import type { Attachment } from 'svelte/attachments';
import { ErrorSummary, ServiceNavigation, SkipLink, type GovukComponent } from 'govuk-frontend';

/**
 * Starts a GOV.UK Frontend component's JavaScript on the element it is attached to, whenever Svelte
 * puts that element on the page. Without the `govuk-frontend-supported` class, which src/app.html
 * sets on the body of browsers the package supports, the element keeps working as plain HTML.
 */
function govukFrontend(Component: GovukComponent): Attachment<HTMLElement> {
	return (element) => {
		if (!document.body.classList.contains('govuk-frontend-supported')) return;
		if (element.hasAttribute(`data-${Component.moduleName}-init`)) return;
		new Component(element);
	};
}

/** The components whose JavaScript Triage uses: `<div class="govuk-error-summary" {@attach errorSummary}>`. */
export const errorSummary = govukFrontend(ErrorSummary);
export const serviceNavigation = govukFrontend(ServiceNavigation);
export const skipLink = govukFrontend(SkipLink);
