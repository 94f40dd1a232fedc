/** Keys that can reach an object's prototype when assigned or merged: never stored anywhere in groupkit. */
export function isUnsafeKey(key: string): boolean {
  return key === '__proto__' || key === 'constructor' || key === 'prototype'
}

/** Defines an own data property, so even a key like `__proto__` can never reach a setter on the prototype. */
export function setOwn(target: Record<string, unknown>, key: string, value: unknown): void {
  Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true })
}
