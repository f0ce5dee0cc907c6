// The WASM package ships no types; engine.ts describes the part it uses.
declare module '@echogarden/espeak-ng-emscripten' {
  const factory: (moduleArg?: object) => Promise<unknown>;
  export default factory;
}
