import type { Evidence } from '../lib/detection/signals';
import { t, type MessageKey } from '../lib/i18n';

/** Why a vendor was detected: each signal in words, with the snippet it matched (as text, never HTML). */
export function EvidenceList({ evidence }: { evidence: readonly Evidence[] }) {
  if (evidence.length === 0) return <p class="evidence-none">{t('evidence_none')}</p>;
  return (
    <ul class="evidence-list">
      {evidence.map((e, i) => (
        <li key={i} class="evidence" data-kind={e.kind}>
          <span class="evidence-kind">{t(`evidence_${e.kind}` as MessageKey)}</span>
          <q class="evidence-text">{e.text}</q>
        </li>
      ))}
    </ul>
  );
}
