import type { ComparedField } from './compare-step.js';
import type { ConformanceJsonReport } from './conformance-json-report.js';
import { toScoreText } from './format-conformance-summary.js';

/** A self-contained HTML page a person can read: the score, then per step a table of its fields. Everything escaped. */

const escapeHtml = (text: string) =>
  text.replaceAll('&', '&amp;').replaceAll('<', '&lt;').replaceAll('>', '&gt;').replaceAll('"', '&quot;').replaceAll("'", '&#39;');

const shown = (value: unknown) => (value === undefined ? '—' : escapeHtml(typeof value === 'string' ? value : JSON.stringify(value)));

const STYLE = `body{font:14px/1.4 system-ui,sans-serif;margin:2rem;color:#222}h1{font-size:1.4rem}h2{font-size:1.05rem;margin:1.6rem 0 .3rem}
table{border-collapse:collapse;width:100%;margin:.3rem 0 1rem}th,td{border:1px solid #ddd;padding:.25rem .5rem;text-align:left;vertical-align:top}
td code,code{font:12px ui-monospace,monospace;word-break:break-all}.agree{background:#eef8ee}.differ{background:#fdeaea}.missing,.extra{background:#fff4e0}
.accepted{background:#eef1fb}.score{font-size:1.2rem}.fail{color:#b00020}.pass{color:#1b6e20}`;

function outcomeOf(field: ComparedField): string {
  return field.accepted !== undefined ? 'accepted' : field.outcome;
}

function fieldRow(field: ComparedField): string {
  const outcome = outcomeOf(field);
  const note = field.accepted !== undefined ? `${field.outcome}, accepted: ${escapeHtml(field.accepted)}` : field.outcome;
  return `<tr class="${outcome}"><td><code>${escapeHtml(field.path)}</code></td><td>${field.class}</td><td>${note}</td><td><code>${shown(field.upstream)}</code></td><td><code>${shown(field.sandbox)}</code></td></tr>`;
}

/**
 * @example
 * writeFileSync('conformance.html', toConformanceHtmlReport(toConformanceJsonReport(result, run)))
 */
export function toConformanceHtmlReport(report: ConformanceJsonReport): string {
  const { totals } = report;
  const verdict = report.passed ? '<span class="pass">pass</span>' : '<span class="fail">FAIL</span>';
  const parts = [
    `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${escapeHtml(report.surface)} conformance</title><style>${STYLE}</style></head><body>`,
    `<h1>${escapeHtml(report.surface)} conformance: ${escapeHtml(report.upstream)} vs the sandbox (scenario ${escapeHtml(report.scenario)})</h1>`,
    `<p class="score">Score <strong>${toScoreText(totals.score)}</strong>: ${totals.agreeing} of ${totals.compared} fields agree (${totals.accepted} accepted differences); ${totals.violations} spec violation${totals.violations === 1 ? '' : 's'} by the upstream. Minimum ${report.minScore}: ${verdict}.</p>`,
    `<p>Covered: ${escapeHtml(report.covers)}</p>`,
    '<ul>',
    ...report.flows.map(
      (flow) =>
        `<li><strong>${escapeHtml(flow.name)}</strong>: ${escapeHtml(flow.description)}${flow.skipped ? ` <em>(skipped: ${escapeHtml(flow.skipped)})</em>` : ''}</li>`,
    ),
    '</ul>',
  ];
  for (const step of report.steps) {
    const differing = step.fields.filter((field) => field.outcome !== 'agree' && field.accepted === undefined).length;
    parts.push(
      `<h2>${escapeHtml(step.flow)} / ${escapeHtml(step.step)} ${differing > 0 ? `<span class="fail">(${differing} differ)</span>` : ''}</h2>`,
      `<p><code>${escapeHtml(step.request)}</code>${step.operationId ? ` — ${escapeHtml(step.operationId)}` : ''}</p>`,
      '<table><thead><tr><th>field</th><th>class</th><th>outcome</th><th>upstream</th><th>sandbox</th></tr></thead><tbody>',
      ...step.fields.map(fieldRow),
      '</tbody></table>',
    );
  }
  parts.push('</body></html>');
  return `${parts.join('\n')}\n`;
}
