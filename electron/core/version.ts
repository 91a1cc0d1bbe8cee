// The app version, inlined at build time from package.json.
declare const __APP_VERSION__: string;

/** netinspect's version (package.json). */
export const APP_VERSION: string = typeof __APP_VERSION__ === 'string' ? __APP_VERSION__ : '0.0.0-dev';
