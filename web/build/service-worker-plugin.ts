import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { minify, transformWithOxc, type Plugin, type Rollup } from 'vite';

type Options = {
  /** The worker's TypeScript source (no imports). */
  source: string;
  /** The trainer app's entry module (a dynamic import of the main entry). */
  entry: string;
  /** Public files to keep as well (icons, manifest). */
  extra: string[];
};

/**
 * Builds `/sw.js` for the trainer PWA: compiles the worker and writes into it the list of files
 * the trainer app loads (its entry, everything it imports, styles and assets, the scripts it
 * loads on demand such as the QR reader) and a version derived from their content-hashed names,
 * so that every release installs a new worker and drops the old files. The manager pages are
 * not in the list: a trainer's phone downloads only its own app.
 */
export function trainerServiceWorker(options: Options): Plugin {
  return {
    name: 'berdaya-trainer-service-worker',
    apply: 'build',
    async generateBundle(_output, bundle) {
      const chunks = Object.values(bundle).filter((file): file is Rollup.OutputChunk => file.type === 'chunk');
      const byFile = new Map(chunks.map((chunk) => [chunk.fileName, chunk]));
      const main = chunks.find((chunk) => chunk.isEntry);
      const trainer = chunks.find((chunk) => chunk.facadeModuleId?.replaceAll('\\', '/').endsWith(options.entry));
      if (!main || !trainer) return this.error(`trainer service worker: entry chunks not found (${options.entry})`);

      const files = new Set<string>();
      const visit = (chunk: Rollup.OutputChunk | undefined, followDynamic: boolean) => {
        if (!chunk || files.has(chunk.fileName)) return;
        files.add(chunk.fileName);
        for (const css of chunk.viteMetadata?.importedCss ?? []) files.add(css);
        for (const asset of chunk.viteMetadata?.importedAssets ?? []) files.add(asset);
        for (const name of chunk.imports) visit(byFile.get(name), followDynamic);
        if (followDynamic) for (const name of chunk.dynamicImports) visit(byFile.get(name), true);
      };
      // The main entry only chooses between the two apps: its other dynamic import is the manager app.
      visit(main, false);
      visit(trainer, true);

      const precache = [...[...files].sort().map((file) => `/${file}`), ...options.extra];
      const version = createHash('sha256').update(precache.join('\n')).digest('hex').slice(0, 16);
      const { code } = await transformWithOxc(await readFile(options.source, 'utf8'), options.source, { lang: 'ts' });
      const filled = code
        .replace(/^export\s*\{\s*\};?\s*$/m, '')
        .replace('__PRECACHE__', JSON.stringify(precache))
        .replace('__VERSION__', JSON.stringify(version));
      const { code: minified } = await minify('sw.js', filled);
      this.emitFile({ type: 'asset', fileName: 'sw.js', source: minified });
    },
  };
}
