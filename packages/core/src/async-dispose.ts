/**
 * The type of `Symbol.asyncDispose` where the program's lib declares it (TypeScript's
 * `esnext.disposable` or `esnext` lib, or `@types/node`), and `never` where it does not
 * (an edge project with `lib: ["es2022", "dom"]` and no `@types/node`). The published
 * `.d.ts` names it instead of `Symbol.asyncDispose` and the global `AsyncDisposable`, so
 * it type-checks in both kinds of project, and `await using` works wherever the lib has it.
 */
export type AsyncDisposeSymbol = SymbolConstructor extends {
  readonly asyncDispose: infer Key extends symbol;
}
  ? Key
  : never;

/**
 * `Symbol.asyncDispose`, or the key TypeScript's own `await using` helper falls back to
 * (`Symbol.for('Symbol.asyncDispose')`) in a runtime that lacks the symbol.
 */
export const asyncDispose: AsyncDisposeSymbol = ((Symbol as { asyncDispose?: symbol })
  .asyncDispose ?? Symbol.for('Symbol.asyncDispose')) as AsyncDisposeSymbol;
