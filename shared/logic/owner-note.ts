// What to say about sockets whose owner was not found: true for whoever runs netinspect, and grammatical.

/** An i18n key (under `owners`) and its params. */
export interface OwnerNote {
  readonly key: string;
  readonly params: { readonly n: number };
}

/**
 * The note for `count` sockets with no owner found, or null when there are none. `elevated` means the sockets were
 * read with administrator rights (netinspect, or its collector through the helper, runs as root/Administrator):
 * then more rights would not help, and the owners live where this process cannot look (another PID namespace, e.g.
 * a container), do not exist, or ended during the scan. Unelevated, the advice is to run elevated.
 */
export function hiddenOwnersNote(elevated: boolean, count: number): OwnerNote | null {
  if (count <= 0) return null;
  const kind = elevated ? 'unseen' : 'hidden';
  return { key: `owners.${kind}${count === 1 ? 'One' : 'Many'}`, params: { n: count } };
}

/** What a report says about owners: the hidden-owner note, or that every owner was visible (and with what rights). */
export function privilegeNote(p: { readonly elevated: boolean; readonly hiddenOwners: number }): {
  readonly key: string;
  readonly params: Readonly<Record<string, number>>;
} {
  return (
    hiddenOwnersNote(p.elevated, p.hiddenOwners) ?? {
      key: p.elevated ? 'report.html.elevated' : 'report.html.notElevated',
      params: {},
    }
  );
}
