const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * Whether `value` has the shape of a uuid. Checked before a value meets a `uuid` column, where
 * PostgreSQL would refuse it with an error instead of matching nothing.
 */
export function isUuid(value: string): boolean {
  return UUID.test(value);
}
