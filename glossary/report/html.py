"""A self-contained HTML report a reviewer opens in a browser (``--format html``).

One file, no network: the style and the script are inline, so the report
can be attached to a CI run or mailed.  Findings are grouped by file, then
by rule; the term is highlighted in the source and the target; checkboxes
filter by rule and severity and a search box by text; each finding links
to the term base entry behind it (listed at the end, with its expected
renderings and pinyin and where the entry came from).  Filters can be set
from the address too (``report.html?rule=term&severity=error``), so a link
can point a colleague at one kind of finding.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from html import escape
from typing import TextIO

from glossary.checks.base import Finding
from glossary.i18n import N_, _
from glossary.report.base import Report
from glossary.report.human import place, summary

_STYLE = """
body{font:15px/1.45 system-ui,sans-serif;margin:0;color:#1d1d1f;background:#fafafa}
header{padding:1rem 1.5rem;background:#22303c;color:#fff}
header h1{margin:0 0 .3rem;font-size:1.3rem}
main{padding:1rem 1.5rem;max-width:70rem}
fieldset{border:1px solid #ccd;border-radius:6px;margin:0 0 .7rem;padding:.4rem .8rem}
fieldset label{margin-right:1rem;white-space:nowrap}
#search{width:20rem;padding:.2rem .4rem}
table.summary{border-collapse:collapse;margin:.5rem 0 1rem}
table.summary td,table.summary th{border:1px solid #ccd;padding:.2rem .6rem;text-align:right}
table.summary th:first-child,table.summary td:first-child{text-align:left}
section.file{margin:1rem 0 1.5rem}
section.file>h2{font-size:1.05rem;border-bottom:2px solid #22303c;padding-bottom:.2rem}
section.rule>h3{font-size:.95rem;margin:.8rem 0 .3rem;color:#445}
article.finding{background:#fff;border:1px solid #dde;border-left:5px solid #999;border-radius:4px;
 margin:.4rem 0;padding:.4rem .7rem}
article.finding[data-severity=error]{border-left-color:#c0392b}
article.finding[data-severity=warning]{border-left-color:#d68910}
article.finding[data-severity=info]{border-left-color:#2e86c1}
.where{font-family:ui-monospace,monospace;color:#555;font-size:.85rem}
.sev{font-weight:600;text-transform:uppercase;font-size:.75rem;margin:0 .4rem}
.seg{margin:.2rem 0 0 .5rem}.seg b{display:inline-block;width:4.5rem;color:#667;font-weight:500}
mark{background:#f9e79f;padding:0 .1rem;border-radius:2px}
.expected{margin:.2rem 0 0 .5rem}
a.entry{font-size:.85rem}
section#entries dl{background:#fff;border:1px solid #dde;border-radius:4px;padding:.5rem .8rem}
section#entries dt{font-weight:600;margin-top:.4rem}
section#entries dd:target,section#entries dt:target{background:#fef9e7}
.hidden{display:none}
#count{color:#555;margin-left:.5rem}
"""

_SCRIPT = """
(function(){
  var boxes = Array.prototype.slice.call(document.querySelectorAll('input[data-filter]'));
  var search = document.getElementById('search');
  var findings = Array.prototype.slice.call(document.querySelectorAll('article.finding'));
  var count = document.getElementById('count');
  var params = new URLSearchParams(window.location.search);
  ['rule', 'severity'].forEach(function(kind){
    var wanted = params.getAll(kind);
    if (!wanted.length) return;
    boxes.forEach(function(box){
      if (box.dataset.filter === kind) box.checked = wanted.indexOf(box.value) >= 0;
    });
  });
  if (params.get('q')) search.value = params.get('q');
  function allowed(kind){
    return boxes.filter(function(b){return b.dataset.filter === kind && b.checked;})
                .map(function(b){return b.value;});
  }
  function apply(){
    var rules = allowed('rule'), severities = allowed('severity');
    var q = search.value.trim().toLowerCase();
    var shown = 0;
    findings.forEach(function(f){
      var ok = rules.indexOf(f.dataset.rule) >= 0 && severities.indexOf(f.dataset.severity) >= 0 &&
               (!q || f.textContent.toLowerCase().indexOf(q) >= 0);
      f.classList.toggle('hidden', !ok);
      if (ok) shown++;
    });
    document.querySelectorAll('section.rule, section.file').forEach(function(s){
      s.classList.toggle('hidden', !s.querySelector('article.finding:not(.hidden)'));
    });
    count.textContent = shown + ' / ' + findings.length;
    document.body.dataset.shown = String(shown);
  }
  boxes.forEach(function(b){b.addEventListener('change', apply);});
  search.addEventListener('input', apply);
  apply();
  document.body.dataset.ready = 'yes';
})();
"""


def _marked(text: str, span: tuple[int, int] | None) -> str:
    if span is None or not (0 <= span[0] < span[1] <= len(text)):
        return escape(text)
    start, end = span
    return escape(text[:start]) + "<mark>" + escape(text[start:end]) + "</mark>" + escape(text[end:])


def _entry_id(concept: str) -> str:
    return "entry-" + "".join(ch if ch.isalnum() or ch in "-_" else "_" for ch in concept)


def _finding(finding: Finding, severity_labels: dict[str, str]) -> str:
    parts = [
        f'<article class="finding" data-rule="{escape(finding.rule)}" '
        f'data-severity="{escape(finding.severity)}">',
        f'<div><span class="where">{escape(place(finding))}</span>'
        f'<span class="sev">{escape(severity_labels.get(finding.severity, finding.severity))}</span>'
        f"{escape(finding.message)}</div>",
    ]
    if finding.source:
        parts.append(
            f'<div class="seg source"><b>{escape(_("source"))}</b> {_marked(finding.source, finding.source_span)}</div>'
        )
    if finding.target:
        parts.append(
            f'<div class="seg target"><b>{escape(_("target"))}</b> {_marked(finding.target, finding.target_span)}</div>'
        )
    if finding.expected:
        shown = " / ".join(
            escape(f"{e.text} ({e.pinyin})" if e.pinyin else e.text) for e in finding.expected
        )
        parts.append(f'<div class="expected">{escape(_("expected: {terms}").format(terms=""))}{shown}</div>')
    if finding.concept:
        parts.append(
            f'<a class="entry" href="#{_entry_id(finding.concept)}">'
            f"{escape(_('term base entry'))} {escape(finding.concept)}</a>"
        )
    parts.append("</article>")
    return "".join(parts)


def _entries(findings: list[Finding]) -> str:
    seen: dict[str, Finding] = {}
    for finding in findings:
        if finding.concept and finding.concept not in seen:
            seen[finding.concept] = finding
    if not seen:
        return ""
    rows = []
    for concept, finding in sorted(seen.items()):
        expected = " / ".join(
            escape(f"{e.text} ({e.pinyin})" if e.pinyin else e.text) for e in finding.expected
        )
        rows.append(
            f'<dt id="{_entry_id(concept)}">{escape(finding.source_term or concept)} '
            f'<span class="where">{escape(concept)}</span></dt>'
            f"<dd>{expected or '&mdash;'}"
            + (f'<br><span class="where">{escape(finding.origin)}</span>' if finding.origin else "")
            + "</dd>"
        )
    return (
        f'<section id="entries"><h2>{escape(_("Term base entries"))}</h2><dl>{"".join(rows)}</dl></section>'
    )


def render_html(report: Report) -> str:
    """The whole page as one string."""
    findings = report.findings
    severity_labels = {"error": _("error"), "warning": _("warning"), "info": _("info")}
    rules = sorted({f.rule for f in findings} | set(report.rules))
    by_rule = Counter((f.rule, f.severity) for f in findings)
    title = report.title or _("glossary lint report")
    rule_boxes = "".join(
        f'<label title="{escape(report.rules.get(r, ""))}"><input type="checkbox" data-filter="rule" '
        f'value="{escape(r)}" checked> {escape(r)}</label>'
        for r in rules
    )
    severity_boxes = "".join(
        f'<label><input type="checkbox" data-filter="severity" value="{s}" checked> '
        f"{escape(severity_labels[s])}</label>"
        for s in ("error", "warning", "info")
    )
    table_rows = "".join(
        f"<tr><td>{escape(r)}</td>"
        + "".join(f"<td>{by_rule[(r, s)]}</td>" for s in ("error", "warning", "info"))
        + "</tr>"
        for r in rules
        if any(by_rule[(r, s)] for s in ("error", "warning", "info"))
    )
    grouped: dict[str, dict[str, list[Finding]]] = defaultdict(lambda: defaultdict(list))
    for finding in findings:
        grouped[finding.file or "-"][finding.rule].append(finding)
    sections = []
    for file in sorted(grouped):
        inner = []
        for rule in sorted(grouped[file]):
            items = "".join(_finding(f, severity_labels) for f in grouped[file][rule])
            inner.append(f'<section class="rule" data-rule="{escape(rule)}"><h3>{escape(rule)}</h3>{items}</section>')
        sections.append(f'<section class="file"><h2>{escape(file)}</h2>{"".join(inner)}</section>')
    head_sev = "".join(f"<th>{escape(severity_labels[s])}</th>" for s in ("error", "warning", "info"))
    return (
        "<!DOCTYPE html>\n"
        '<html lang="en"><head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        f'<meta name="generator" content="glossary {escape(report.tool_version)}">'
        f"<title>{escape(title)}</title><style>{_STYLE}</style></head><body>"
        f"<header><h1>{escape(title)}</h1>"
        f"<div>{escape(summary(findings, report.segments, report.suppressed, report.baselined))}</div></header><main>"
        f'<fieldset id="rules"><legend>{escape(_("rules"))}</legend>{rule_boxes}</fieldset>'
        f'<fieldset id="severities"><legend>{escape(_("severity"))}</legend>{severity_boxes}</fieldset>'
        f'<fieldset><legend>{escape(_("search"))}</legend><input id="search" type="search">'
        f'<span id="count"></span></fieldset>'
        f'<table class="summary"><tr><th>{escape(_("rule"))}</th>{head_sev}</tr>{table_rows}</table>'
        f'{"".join(sections)}{_entries(findings)}'
        f"</main><script>{_SCRIPT}</script></body></html>\n"
    )


class HtmlReporter:
    name = "html"
    order = 40
    description = N_("for a reviewer: a self-contained HTML page with filters")
    extension = ".html"

    def write(self, report: Report, stream: TextIO, *, colour: bool | None = None) -> None:
        stream.write(render_html(report))


REPORTER = HtmlReporter()
