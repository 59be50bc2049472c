/**
 * The URL of a module next to `base` (pass `import.meta.url`), for worker threads. The server
 * runs as TypeScript under tsx in development and tests, and as the JavaScript `npm start`
 * compiles (issue 19: 100 MB less memory); a worker must load the file of the same kind.
 */
export function siblingModule(base: string, path: string): URL {
  return new URL(`${path}${base.endsWith('.ts') ? '.ts' : '.js'}`, base);
}
