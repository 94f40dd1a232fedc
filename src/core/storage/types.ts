/** Raw string storage, the shape of `localStorage`. Implementations never throw: a failing backend falls back. */
export interface KeyValueStorage {
  getItem(key: string): string | null
  setItem(key: string, value: string): void
  removeItem(key: string): void
}
