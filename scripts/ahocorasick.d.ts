/** The `ahocorasick` package (a devDependency for `npm run bench`) ships no types. */
declare module 'ahocorasick' {
  export default class AhoCorasick {
    constructor(keywords: string[]);
    search(text: string): [number, string[]][];
  }
}
