// Network interfaces and virtual TAP/TUN adapters: what adapter:list answers, what create and remove take.
import { z } from 'zod';

/** What an interface is, as far as the OS tells. `virtual` is any other software link; `other` is unknown. */
export const ADAPTER_KINDS = [
  'physical',
  'loopback',
  'bridge',
  'veth',
  'tun',
  'tap',
  'bond',
  'vlan',
  'dummy',
  'wireguard',
  'virtual',
  'other',
] as const;
export type AdapterKind = (typeof ADAPTER_KINDS)[number];

/** RFC 2863 operational state, as Linux IFLA_OPERSTATE and Windows IfOperStatus both report it. */
export const OPER_STATES = ['up', 'down', 'dormant', 'lowerLayerDown', 'notPresent', 'testing', 'unknown'] as const;

/** The two kinds of adapter netinspect creates: TAP carries Ethernet frames, TUN carries IP packets. */
export const ADAPTER_TYPES = ['tap', 'tun'] as const;
export type AdapterType = (typeof ADAPTER_TYPES)[number];

/** Most addresses one create request may set. */
export const MAX_ADAPTER_ADDRESSES = 16;

export const interfaceAddressSchema = z.object({
  address: z.string(),
  /** Prefix length in bits. */
  prefix: z.number().int().min(0).max(128),
});

/** TUN/TAP facts (Linux /sys/class/net/<name>/{tun_flags,owner,group}). */
export const tunInfoSchema = z.object({
  mode: z.enum(ADAPTER_TYPES),
  /** Uid allowed to attach without privileges, or null when anyone with CAP_NET_ADMIN only. */
  owner: z.number().int().nullable(),
  ownerName: z.string().nullable(),
  group: z.number().int().nullable(),
  groupName: z.string().nullable(),
  /** Survives the close of the last file descriptor (TUNSETPERSIST). */
  persist: z.boolean(),
  /** The raw IFF_* flags the kernel reports. */
  flags: z.number().int(),
});

export const adapterSchema = z.object({
  name: z.string(),
  /** OS interface index. */
  index: z.number().int(),
  kind: z.enum(ADAPTER_KINDS),
  state: z.enum(OPER_STATES),
  /** Administratively up (IFF_UP). */
  adminUp: z.boolean(),
  /** Hardware address as aa:bb:cc:dd:ee:ff, or null (TUN, some virtual links). */
  mac: z.string().nullable(),
  /** MTU in bytes, or null when unknown. */
  mtu: z.number().int().nullable(),
  ipv4: z.array(interfaceAddressSchema).readonly(),
  ipv6: z.array(interfaceAddressSchema).readonly(),
  tun: tunInfoSchema.nullable(),
  /** Counters since the interface appeared (bytes), or null when unreadable. */
  rxBytes: z.number().nullable(),
  txBytes: z.number().nullable(),
  /** Longer OS description (Windows adapter description), or null. */
  description: z.string().nullable(),
  /** Whether netinspect may remove it (tun/tap adapters only). */
  removable: z.boolean(),
});

export const adapterListSchema = z.object({
  /** When the counters were read (ms since epoch), for rates. */
  takenAt: z.number(),
  adapters: z.array(adapterSchema).readonly(),
  /**
   * Records the OS answered with impossible values (a prefix longer than the address, a name over 15 bytes ...),
   * left out of `adapters`: how many, and the first as text. Absent or null when there were none.
   */
  decodeErrors: z.object({ count: z.number().int().positive(), first: z.string() }).nullable().optional(),
  /** Which adapter types this OS lets netinspect create; the reason (i18n key) when none or only some. */
  creatable: z.object({
    tap: z.boolean(),
    tun: z.boolean(),
    reasonKey: z.string().nullable(),
  }),
});

/** A create request as a front end sends it; core checks each field with shared/logic/adapter-validate. */
export const createAdapterRequestSchema = z
  .object({
    name: z.string().max(256),
    type: z.enum(ADAPTER_TYPES),
    /** User name or uid that may open it later without privileges. */
    owner: z.string().max(64).nullable().optional(),
    /** Group name or gid that may open it later. */
    group: z.string().max(64).nullable().optional(),
    /** CIDR addresses, e.g. 10.0.0.1/24 or fd00::1/64. */
    addresses: z.array(z.string().max(64)).max(MAX_ADAPTER_ADDRESSES).default([]),
    /** MTU in bytes; the OS default when absent. */
    mtu: z.number().int().nullable().optional(),
    /** Bring the link up after creating it. */
    up: z.boolean().default(false),
  })
  .strict();

export const createAdapterResultSchema = z.object({
  /** The new adapter as adapter:list shows it. */
  adapter: adapterSchema,
  viaHelper: z.boolean(),
});

// An empty name is refused by the adapter service with its own message (every door goes through it).
export const removeAdapterRequestSchema = z.object({ name: z.string().max(256) }).strict();

export const removeAdapterResultSchema = z.object({
  name: z.string(),
  removed: z.literal(true),
  viaHelper: z.boolean(),
});

export type InterfaceAddress = z.output<typeof interfaceAddressSchema>;
export type TunInfo = z.output<typeof tunInfoSchema>;
export type Adapter = z.output<typeof adapterSchema>;
export type AdapterList = z.output<typeof adapterListSchema>;
export type CreateAdapterRequest = z.input<typeof createAdapterRequestSchema>;
export type CreateAdapterOrder = z.output<typeof createAdapterRequestSchema>;
export type CreateAdapterResult = z.output<typeof createAdapterResultSchema>;
export type RemoveAdapterResult = z.output<typeof removeAdapterResultSchema>;
