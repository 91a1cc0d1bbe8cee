// The create wizard's form: its steps, each step's problems as the user types, and the request it sends.
import {
  checkAdapterName,
  checkMtu,
  checkPrincipal,
  isProblem,
  parseCidr,
  parseMtuText,
  type FieldProblem,
} from '../../../../shared/logic/adapter-validate';
import type { AdapterType, CreateAdapterRequest } from '../../../../shared/model/adapters';

/** Wizard steps in order. */
export const WIZARD_STEPS = ['type', 'name', 'owner', 'addresses', 'options', 'review', 'result'] as const;
export type WizardStep = (typeof WIZARD_STEPS)[number];

/** What the user typed, as typed. */
export interface WizardForm {
  readonly type: AdapterType;
  readonly name: string;
  readonly owner: string;
  readonly group: string;
  readonly ipv4: string;
  readonly ipv6: string;
  readonly mtu: string;
  readonly up: boolean;
}

export const EMPTY_FORM: WizardForm = {
  type: 'tap',
  name: '',
  owner: '',
  group: '',
  ipv4: '',
  ipv6: '',
  mtu: '',
  up: true,
};

/** Problems by form field (only the first of each field). */
export type FormProblems = Partial<Record<keyof WizardForm, FieldProblem>>;

function familyProblem(text: string, family: 4 | 6, field: 'ipv4' | 'ipv6'): FieldProblem | null {
  if (text.trim() === '') return null;
  const c = parseCidr(text);
  if (isProblem(c)) return c;
  if (c.family !== family) {
    return { field: 'addresses', key: `adapters.input.${field}Expected`, params: { value: text.trim() } };
  }
  return null;
}

/** Every problem of the form now; `taken` are the names of existing interfaces. */
export function formProblems(f: WizardForm, platform: string, taken: readonly string[]): FormProblems {
  const out: FormProblems = {};
  const name = checkAdapterName(f.name, platform, taken);
  if (name) out.name = name;
  const owner = checkPrincipal('owner', f.owner.trim());
  if (owner) out.owner = owner;
  const group = checkPrincipal('group', f.group.trim());
  if (group) out.group = group;
  const v4 = familyProblem(f.ipv4, 4, 'ipv4');
  if (v4) out.ipv4 = v4;
  const v6 = familyProblem(f.ipv6, 6, 'ipv6');
  if (v6) out.ipv6 = v6;
  if (f.mtu.trim() !== '') {
    const mtu = parseMtuText(f.mtu);
    const p = isProblem(mtu) ? mtu : checkMtu(mtu, f.ipv6.trim() !== '');
    if (p) out.mtu = p;
  }
  return out;
}

/** The form fields each step shows (what must be valid before Next). */
export const STEP_FIELDS: Readonly<Record<WizardStep, readonly (keyof WizardForm)[]>> = {
  type: [],
  name: ['name'],
  owner: ['owner', 'group'],
  addresses: ['ipv4', 'ipv6'],
  options: ['mtu'],
  review: ['name', 'owner', 'group', 'ipv4', 'ipv6', 'mtu'],
  result: [],
};

/** True when the fields of `step` have no problem. */
export function stepValid(step: WizardStep, problems: FormProblems): boolean {
  return STEP_FIELDS[step].every((f) => problems[f] === undefined);
}

/** The request the form sends. */
export function formRequest(f: WizardForm): CreateAdapterRequest {
  const trimmed = (s: string) => (s.trim() === '' ? null : s.trim());
  return {
    name: f.name,
    type: f.type,
    owner: trimmed(f.owner),
    group: trimmed(f.group),
    addresses: [f.ipv4, f.ipv6].map((a) => a.trim()).filter((a) => a !== ''),
    mtu: f.mtu.trim() === '' ? null : Number(f.mtu.trim()),
    up: f.up,
  };
}
