/**
 * TypeORM's default names, so a database TypeORM created keeps working: tables in snake_case of
 * the class name, join columns as camelCase `<property>_<referenced column>`.
 * @internal
 */
export function snakeCase(name: string): string {
  return name
    .replace(/([a-z0-9])([A-Z])/g, '$1_$2')
    .replace(/([A-Z])([A-Z][a-z])/g, '$1_$2')
    .toLowerCase();
}

/** `user_id` → `userId`, `Question_id` → `questionId`. @internal */
export function camelCase(name: string): string {
  const joined = name.replace(/[_\s-]+(.)/g, (_m, c: string) => c.toUpperCase());
  return joined.charAt(0).toLowerCase() + joined.slice(1);
}
