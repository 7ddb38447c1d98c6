/** The page's style sheet: a quiet grid that fits a 1366×768 laptop screen, four panels a row. */
export const PAGE_CSS = `
:root{--fg:#1f2328;--muted:#59636e;--line:#e3e6ea;--bg:#f5f6f8;--card:#fff;--ok:#1a7f37;--bad:#cf222e;--okbg:#dafbe1;--badbg:#ffebe9}
*{box-sizing:border-box}
body{margin:0;background:var(--bg);color:var(--fg);font:14px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,"Helvetica Neue",Arial,sans-serif}
header.top{background:var(--card);border-bottom:1px solid var(--line);padding:14px 20px 12px}
.wrap{max-width:1680px;margin:0 auto}
h1{font-size:20px;margin:0 0 2px;font-weight:600;overflow-wrap:anywhere}
h1 .kind{color:var(--muted);font-weight:400;font-size:14px;margin-right:6px}
.meta{color:var(--muted);font-size:12.5px}
.meta span+span::before{content:"·";margin:0 6px;color:#b0b7c0}
.verdict{display:inline-flex;flex-wrap:wrap;gap:4px 12px;align-items:center;margin:10px 0 0;padding:5px 12px;border-radius:6px;font-size:13px}
.verdict.met{background:var(--okbg);color:var(--ok)}
.verdict.missed{background:var(--badbg);color:var(--bad)}
.verdict.unknown{background:#eef0f3;color:var(--muted)}
.verdict b{font-weight:600}
.verdict .check{color:var(--fg)}
.verdict .check.no{color:var(--bad)}
.verdict .rule{color:var(--muted);font-size:12px}
.kpis{display:grid;grid-template-columns:repeat(auto-fit,minmax(150px,1fr));gap:8px;margin-top:12px}
.kpi{background:var(--card);border:1px solid var(--line);border-radius:8px;padding:7px 12px}
.kpi .label{font-size:12px;color:var(--muted)}
.kpi .value{font-size:21px;font-weight:600;font-variant-numeric:tabular-nums;white-space:nowrap}
.kpi .sub{font-size:11.5px;color:var(--muted)}
.kpi.bad{border-color:#ffcecb}
.kpi.bad .value{color:var(--bad)}
.kpi.ok .value{color:var(--ok)}
nav.toc{margin-top:10px;font-size:12.5px}
nav.toc a{color:#0969da;text-decoration:none;margin-right:14px}
nav.toc a:hover{text-decoration:underline}
main{padding:14px 20px 24px}
section.card{background:var(--card);border:1px solid var(--line);border-radius:8px;padding:12px 14px 14px;margin:0 0 14px}
section.card h2{font-size:15px;margin:0;font-weight:600}
section.card .note{color:var(--muted);font-size:12.5px;margin:2px 0 6px}
.legend{display:flex;flex-wrap:wrap;gap:4px 14px;font-size:12px;color:var(--muted);margin:0 0 8px}
.legend span{display:inline-flex;align-items:center;gap:5px;overflow-wrap:anywhere}
.legend svg{flex:none}
.grid{display:grid;grid-template-columns:repeat(auto-fill,minmax(290px,1fr));gap:10px 12px}
.grid.wide{grid-template-columns:repeat(auto-fill,minmax(520px,1fr))}
figure{margin:0;min-width:0}
figcaption{font-size:12.5px;font-weight:600;margin:0 0 2px 4px;overflow-wrap:anywhere}
figure svg{display:block;width:100%;height:auto}
.tablewrap{overflow-x:auto}
table{border-collapse:collapse;font-size:12.5px;font-variant-numeric:tabular-nums;width:100%}
th,td{padding:4px 10px;border-bottom:1px solid #eef0f3;text-align:right;white-space:nowrap}
th{font-weight:600;color:var(--muted);background:#fafbfc}
th:first-child,td:first-child{text-align:left}
td.name,th.name{text-align:left;white-space:normal;overflow-wrap:anywhere;max-width:280px}
td.text{text-align:left;white-space:normal;color:var(--muted);min-width:260px}
tr.headline td:first-child{font-weight:600}
td.better{color:var(--ok)}
td.worse{color:var(--bad)}
.bad{color:var(--bad)}
footer{color:var(--muted);font-size:12px;padding:0 20px 24px}
footer p{margin:4px 0}
details{margin-top:8px}
summary{cursor:pointer;color:#0969da;font-size:12.5px}
.grid.tables{gap:0 14px}
.empty{color:var(--muted);font-style:italic}
`;
