import type { Evidence } from '../lib/detection/signals';
import { EVIDENCE_LABEL } from './labels';

/** Why a vendor was detected: each signal in words, with the snippet it matched (as text, never HTML). */
export function EvidenceList({ evidence }: { evidence: readonly Evidence[] }) {
  if (evidence.length === 0) return <p class="evidence-none">No detail recorded.</p>;
  return (
    <ul class="evidence-list">
      {evidence.map((e, i) => (
        <li key={i} class="evidence" data-kind={e.kind}>
          <span class="evidence-kind">{EVIDENCE_LABEL[e.kind]}</span>
          <q class="evidence-text">{e.text}</q>
        </li>
      ))}
    </ul>
  );
}
