/** The /schools list: filters in the URL, one paginated query, and the CSV export of the same list. */
export {
	DEFAULT_QUERY,
	FLAGS,
	FLAG_LABELS,
	SORTS,
	isFiltered,
	listSearch,
	parseListQuery,
	type Flag,
	type SchoolListQuery,
	type SortDirection,
	type SortKey
} from './params';
export {
	PAGE_SIZE,
	allMatchingSchools,
	filterOptions,
	listSchools,
	renewalDueCutoff,
	type FilterOptions,
	type SchoolListPage,
	type SchoolListRow
} from './query';
export { schoolListCsv } from './csv';
export { schoolListView, type SchoolListView, type SortLink } from './view';
