import type { DataSource, EntityTarget, ObjectLiteral } from 'typeorm';

/** Column types whose values `pg` already parses as TypeORM would hydrate them. */
const AS_PARSED = new Set([
  'uuid',
  'text',
  'varchar',
  'integer',
  'int',
  'boolean',
  'timestamptz',
  'jsonb',
]);

/**
 * Makes entities of an entity's table from the rows of a plain `SELECT *` on it, as TypeORM's
 * `findOneBy` would (same properties, same values), without its query building and result
 * transformation, which cost more than the query itself on a hot read (the broker's grant read,
 * once per token issued). Only for entities whose every column `pg` parses as TypeORM would: a
 * column with a transformer, or of a type `pg` returns otherwise (bigint, numeric), is refused
 * when the mapper is made, not mapped wrongly later.
 */
export function entityRows<T extends ObjectLiteral>(
  dataSource: DataSource,
  target: EntityTarget<T>,
): (row: Record<string, unknown>) => T {
  const metadata = dataSource.getMetadata(target);
  const columns = metadata.columns.map((column) => {
    const type = typeof column.type === 'string' ? column.type : '';
    if (column.transformer || !AS_PARSED.has(type) || column.embeddedMetadata) {
      throw new Error(
        `${metadata.name}.${column.propertyName} (${type || 'a class type'}) cannot be mapped from a raw row`,
      );
    }
    return [column.propertyName, column.databaseName] as const;
  });
  return (row) => {
    const entity = metadata.create() as T;
    for (const [property, name] of columns) {
      (entity as Record<string, unknown>)[property] = row[name];
    }
    return entity;
  };
}
