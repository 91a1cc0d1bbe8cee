// The toolbar feature's public surface: the filter box above a table.
export { FilterBar } from './FilterBar';
