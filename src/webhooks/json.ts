/** A value `JSON.parse` can return: what a push body is made of before it is parsed into a {@link Push}. */
export type JsonValue = string | number | boolean | null | JsonValue[] | JsonObject;

/** A JSON object as received: kept on each parsed push (`raw`) for storage and audit, never read for meaning. */
export interface JsonObject {
  [key: string]: JsonValue;
}

/** True for a JSON object (not an array, not null). */
export function isJsonObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** An own property of a parsed object: never one inherited from Object.prototype (`constructor`, `toString`). */
export function ownField(obj: JsonObject, key: string): JsonValue | undefined {
  return Object.prototype.hasOwnProperty.call(obj, key) ? obj[key] : undefined;
}
