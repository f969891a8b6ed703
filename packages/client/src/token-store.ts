export interface Tokens {
  access: string;
  refresh: string;
}

/** Where a client keeps its tokens: memory by default; the web app passes one backed by storage. */
export interface TokenStore {
  get(): Tokens | null;
  set(tokens: Tokens | null): void;
}

export function memoryTokenStore(initial: Tokens | null = null): TokenStore {
  let tokens = initial;
  return {
    get: () => tokens,
    set: (next) => {
      tokens = next;
    },
  };
}
