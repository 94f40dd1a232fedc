/** Keys that can reach an object's prototype when assigned or merged: never stored anywhere in groupkit. */
export function isUnsafeKey(key: string): boolean {
  return key === '__proto__' || key === 'constructor' || key === 'prototype'
}

/**
 * Sets an own data property. Only `__proto__` assignment reaches a setter on a plain object, so that one key is
 * defined instead (defineProperty everywhere would be safe too, but costs a fifth of a validation).
 */
export function setOwn(target: Record<string, unknown>, key: string, value: unknown): void {
  if (key === '__proto__')
    Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true })
  else target[key] = value
}
