/** A font imported through esbuild's `file` loader: the emitted file's path, relative to the bundle. */
declare module '*.ttf' {
  const path: string;
  export default path;
}
