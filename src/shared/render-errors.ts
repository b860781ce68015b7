/** Renders docs/errors.md from the reasons table, so the document cannot drift from the code. */
import { errorCodes, reasons, type Reason } from './errors.ts'

export function renderErrorReasons(): string {
  const rows = (Object.entries(reasons) as [Reason, (typeof reasons)[Reason]][])
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([reason, r]) => `| \`${reason}\` | \`${r.code}\` | ${errorCodes[r.code]} | ${r.beschrijving.replaceAll('|', '\\|')} |`)
  return `# Error reasons

Generated from \`reasons\` in src/shared/errors.ts by \`npx tsx scripts/generate-errors.ts\`; a test
checks that this file matches. Every error Koers answers carries a stable \`reason\` next to its HTTP
class \`code\`:

\`\`\`json
{ "error": { "code": "conflict", "reason": "toewijzing.not_active", "message": "…", "melding": "…", "details": [{ "path": "…", "rule": "IV066", "message": "…", "veld": "…", "melding": "…" }] } }
\`\`\`

Key on \`reason\` (and \`details[].rule\` for the iStandaarden or toegang rule), never on \`message\`:
the message is for developers and logs and may change. Show users \`melding\`: the same error in Dutch,
written for the person in front of the screen (src/shared/meldingen.ts), and per detail the field
as the user knows it (\`veld\`) with its own \`melding\`. The column *betekenis* below is for the
people who write those meldingen. The CLI prints the reason in brackets
after the message. The scheme is in docs/decisions/0016-error-reasons.md.

| reason | code | HTTP | betekenis |
|---|---|---|---|
${rows.join('\n')}
`
}
