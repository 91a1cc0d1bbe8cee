// The administrator shield as inline SVG: emoji fonts are not installed everywhere (the glyph showed as a box).
/** A small decorative shield, coloured by the text around it. */
export function ShieldIcon() {
  return (
    <svg className="icon" width="13" height="13" viewBox="0 0 16 16" aria-hidden="true" focusable="false">
      <path d="M8 1 2 3.5V8c0 3.4 2.6 6.2 6 7 3.4-.8 6-3.6 6-7V3.5L8 1Z" fill="currentColor" />
    </svg>
  );
}
