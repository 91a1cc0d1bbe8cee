// The HTML report's inline stylesheet: readable on screen, light and compact on paper; no fonts or images fetched.

/** CSS of the report (inlined in a <style> element). */
export const REPORT_CSS = `
:root{color-scheme:light;--fg:#1d2430;--muted:#5b6575;--line:#d8dde5;--bg:#fff;--panel:#f5f7fa;
--ok:#1f7a3d;--warning:#9a6200;--critical:#b3261e;--accent:#2458b3}
*{box-sizing:border-box}
body{margin:0;padding:24px 32px;font:14px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,"Noto Sans","PingFang SC","Microsoft YaHei",sans-serif;color:var(--fg);background:var(--bg)}
h1{font-size:22px;margin:0 0 4px}h2{font-size:17px;margin:28px 0 8px;border-bottom:1px solid var(--line);padding-bottom:4px}
p.meta{color:var(--muted);margin:0 0 16px}
.summary{display:flex;flex-wrap:wrap;gap:12px;margin:12px 0}
.card{background:var(--panel);border:1px solid var(--line);border-radius:6px;padding:10px 14px;min-width:140px}
.card .v{font-size:20px;font-weight:600}.card .k{color:var(--muted);font-size:12px}
.status{display:inline-block;border-radius:4px;padding:2px 8px;font-weight:600;color:#fff}
.status.ok{background:var(--ok)}.status.warning{background:var(--warning)}.status.critical{background:var(--critical)}
.finding{border-left:4px solid var(--line);padding:6px 12px;margin:10px 0;background:var(--panel);break-inside:avoid}
.finding.warning{border-color:var(--warning)}.finding.critical{border-color:var(--critical)}.finding.ok{border-color:var(--ok)}
.finding h3{font-size:15px;margin:0 0 4px}.finding ul{margin:4px 0 6px 18px;padding:0}.rec{margin:0;color:var(--fg)}
table{border-collapse:collapse;width:100%;font-size:12.5px}
th,td{border-bottom:1px solid var(--line);padding:3px 6px;text-align:left;vertical-align:top}
th{background:var(--panel);position:sticky;top:0}
td.n,th.n{text-align:right;font-variant-numeric:tabular-nums}
td.m{font-family:ui-monospace,SFMono-Regular,Menlo,Consolas,monospace;white-space:nowrap}
.charts{display:flex;flex-wrap:wrap;gap:24px}.chart{flex:1 1 420px}
svg text{font:11px system-ui,sans-serif;fill:var(--fg)}
.muted{color:var(--muted)}
.legend span{display:inline-block;margin-right:12px;font-size:12px}.legend i{display:inline-block;width:10px;height:10px;margin-right:4px;vertical-align:-1px}
@media print{body{padding:0;font-size:11px}th{position:static}h2{break-after:avoid}tr{break-inside:avoid}
.card{border-color:#999}a{color:inherit}}
`;
