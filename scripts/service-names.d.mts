// Types of service-names.mjs (the renderer's build plugin), for the test that runs it.
export declare const SERVICE_NAMES_ID: string;
export declare function serviceNamesModule(): Promise<string>;
export declare function serviceNames(): {
  name: string;
  resolveId(id: string): string | null;
  load(id: string): Promise<string> | null;
};
