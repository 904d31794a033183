// The cover sheet's associated risks, looked up on the place's register when a sign-off is
// requested: each must exist there, and whether it is on the ICB risk register is filled from
// its register level as it is now (the paper states it as sent; a later move is the risk's own history).
import { onIcbRegister } from '../../records/coverSheetSections.js';
import type { CoverSheet } from '../../records/coverSheet.js';
import { PLACE_NAMES, type PlaceCode } from '../../records/places.js';
import type { RecordRepository } from '../ports.js';

/** The cover sheet with each associated risk's ICB register answer, or the message for the first ref not on the register. */
export async function withRegisterAnswers(
  records: Pick<RecordRepository, 'get'>,
  place: PlaceCode,
  cover: CoverSheet,
): Promise<{ ok: true; cover: CoverSheet } | { ok: false; errors: Record<string, string> }> {
  const named = cover.associatedRisks ?? [];
  const found = await Promise.all(named.map((r) => records.get('risk', r.ref)));
  const missing = named.find((_, i) => !found[i] || found[i]!.record.place !== place);
  if (missing) return { ok: false, errors: { coverRiskRefs: `There is no risk ${missing.ref} on the ${PLACE_NAMES[place]} register.` } };
  if (!named.length) return { ok: true, cover };
  return {
    ok: true,
    cover: {
      ...cover,
      associatedRisks: named.map((r, i) => ({ ref: r.ref, onIcbRegister: onIcbRegister(found[i]!.record.registerLevel) })),
    },
  };
}
