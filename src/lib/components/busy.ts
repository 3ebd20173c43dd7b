import type { Action } from 'svelte/action';

/**
 * Shows that the work a form started is under way, and stops it being started twice: for buttons
 * whose work takes more than a second (running the analysis, agreeing many categories, a what-if,
 * planning the year). When the form is sent, the button that sent it says what is happening (for
 * example "Running the analysis…"), looks unavailable and is announced as busy; pressing it, or
 * Enter, again sends nothing more until the page comes back.
 *
 * The button is not `disabled`: a disabled button's name and value would be left out of what the
 * form sends. Without JavaScript the form works as before, only without the busy state. Coming back
 * to the page with the browser's Back button shows it ready again.
 */
export const busy: Action<HTMLFormElement, string> = (form, text) => {
	let working = text;
	let sent = false;
	let button: HTMLButtonElement | HTMLInputElement | null = null;
	let label = '';
	const status = document.createElement('span');
	status.setAttribute('role', 'status');
	status.className = 'govuk-visually-hidden';
	form.append(status);

	function onSubmit(event: SubmitEvent) {
		if (event.defaultPrevented) return;
		if (sent) {
			event.preventDefault();
			return;
		}
		sent = true;
		button = (event.submitter as HTMLButtonElement | HTMLInputElement | null) ?? form.querySelector('button:not([type=button]), input[type=submit]');
		if (button) {
			label = button instanceof HTMLInputElement ? button.value : (button.textContent ?? '');
			if (button instanceof HTMLInputElement) button.value = working;
			else button.textContent = working;
			button.setAttribute('aria-disabled', 'true');
			button.classList.add('govuk-button--disabled');
		}
		form.setAttribute('aria-busy', 'true');
		status.textContent = working;
	}

	function ready() {
		sent = false;
		form.removeAttribute('aria-busy');
		status.textContent = '';
		if (!button) return;
		if (button instanceof HTMLInputElement) button.value = label;
		else button.textContent = label;
		button.removeAttribute('aria-disabled');
		button.classList.remove('govuk-button--disabled');
		button = null;
	}

	function onPageShow(event: PageTransitionEvent) {
		if (event.persisted) ready();
	}

	form.addEventListener('submit', onSubmit);
	window.addEventListener('pageshow', onPageShow);
	return {
		update(next: string) {
			working = next;
		},
		destroy() {
			form.removeEventListener('submit', onSubmit);
			window.removeEventListener('pageshow', onPageShow);
			status.remove();
		}
	};
};
