// The privilege feature's public surface: the toolbar badge and the "Show all owners" switch.
export { PrivilegeBadge } from './PrivilegeBadge';
export { ShowAllOwners } from './ShowAllOwners';
