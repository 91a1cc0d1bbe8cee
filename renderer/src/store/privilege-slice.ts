// Whether netinspect (or its helper) is elevated, and asking the OS for elevation.
import { host } from '../api';
import type { PrivilegeSlice, Slice } from './types';

export const createPrivilegeSlice: Slice<PrivilegeSlice> = (set, get) => ({
  privilege: null,

  async loadPrivilege() {
    const r = await host.bridge.invoke('privilege:status', {});
    if (r.ok) set({ privilege: r.value });
    else get().pushError(r.error);
  },

  receivePrivilege(privilege) {
    set({ privilege });
  },

  async elevate(collector) {
    const r = await host.bridge.invoke('privilege:elevate', { collector });
    if (!r.ok) return r.error;
    set({ privilege: r.value });
    return null;
  },

  async showAllOwners() {
    const error = await get().elevate(true);
    if (error) get().pushError(error);
  },
});
