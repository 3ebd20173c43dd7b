// The academic calendar: half terms, bank holidays, default term dates and working days.
export * from './iso-date';
export * from './half-terms';
export * from './bank-holidays';
export * from './default-term-dates';
export * from './working-days';
export * from './validate-calendar';
