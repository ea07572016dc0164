// Row ids are 32-bit integers on PostgreSQL (integer columns): comparing one with a larger number is an error
// there ("out of range for type integer", a 500), not "no such row". So a number a client sends is an id
// only within that range; beyond it, it names nothing, on SQLite as on PostgreSQL.
export const MAX_ROW_ID = 2_147_483_647;

/** A row id as our links write it (decimal, no leading zero, 1 to MAX_ROW_ID), or null for anything else. */
export function rowIdFrom(text: string): number | null {
  return /^[1-9]\d{0,9}$/.test(text) && Number(text) <= MAX_ROW_ID ? Number(text) : null;
}
