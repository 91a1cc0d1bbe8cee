// Modules a build plugin makes (scripts/service-names.mjs).
declare module 'virtual:service-names' {
  /** The compact IANA service table (shared/logic/services.ts: serviceTableFromCompact reads it). */
  const table: Record<string, string>;
  export default table;
}
