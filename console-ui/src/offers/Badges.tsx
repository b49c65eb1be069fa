import type { Offer } from './types';

/** VERIFIED: the host passed its proof-of-GPU challenge. SIMULATED: its figures are made up (demo fleet, tests). */
export function Badges({ offer }: { offer: Pick<Offer, 'verified' | 'simulated' | 'verification'> }) {
  return (
    <span className="badges">
      {offer.verified && (
        <span className="badge badge-verified" title="passed the proof-of-GPU challenge">
          VERIFIED
        </span>
      )}
      {offer.simulated && (
        <span className="badge badge-simulated" title="a simulated host: its figures are made up, not measured">
          SIMULATED
        </span>
      )}
    </span>
  );
}
