import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { minify, transformWithOxc, type Plugin, type Rollup } from 'vite';

/** A module of the app and whether what it loads on demand (dynamic imports) is kept too. */
type Entry = { module: string; onDemand: boolean };

type Options = {
  /** Names the worker's caches (`berdaya-<name>-<version>`). */
  name: string;
  /** The worker's file in the build, e.g. `sw.js`. */
  fileName: string;
  /** The app's pages (`/trainer`): every path under it is the same page. */
  scope: string;
  /** The worker's TypeScript source (no imports), shared by every app. */
  source: string;
  /**
   * The app's modules, e.g. the trainer app's entry (a dynamic import of the main entry) with
   * everything it loads on demand, or the manager app's shell without its pages plus one page.
   */
  entries: Entry[];
  /** Public files to keep as well (icons, manifest). */
  extra: string[];
};

/**
 * Builds the service worker of an app that works offline (the trainer app, the participant's
 * page): compiles web/src/offline/sw.ts and writes into it the app's scope and the list of files
 * it loads (its entry, everything it imports, styles and assets, the scripts it loads on demand
 * such as the QR reader) and a version derived from their content-hashed names, so that every
 * release installs a new worker and drops the old files. Nothing else is in the list: a
 * trainer's phone downloads only its own app, a participant's phone only their page.
 */
export function serviceWorker(options: Options): Plugin {
  return {
    name: `berdaya-service-worker-${options.name}`,
    apply: 'build',
    async generateBundle(_output, bundle) {
      const chunks = Object.values(bundle).filter((file): file is Rollup.OutputChunk => file.type === 'chunk');
      const byFile = new Map(chunks.map((chunk) => [chunk.fileName, chunk]));
      const main = chunks.find((chunk) => chunk.isEntry);
      if (!main) return this.error(`${options.fileName}: the main entry chunk was not found`);

      const files = new Set<string>();
      /** Chunks whose on-demand imports were followed as well. */
      const deep = new Set<string>();
      const visit = (chunk: Rollup.OutputChunk | undefined, followDynamic: boolean) => {
        if (!chunk || (files.has(chunk.fileName) && (!followDynamic || deep.has(chunk.fileName)))) return;
        files.add(chunk.fileName);
        if (followDynamic) deep.add(chunk.fileName);
        for (const css of chunk.viteMetadata?.importedCss ?? []) files.add(css);
        for (const asset of chunk.viteMetadata?.importedAssets ?? []) files.add(asset);
        for (const name of chunk.imports) visit(byFile.get(name), followDynamic);
        if (followDynamic) for (const name of chunk.dynamicImports) visit(byFile.get(name), true);
      };
      // The main entry only chooses between the apps: its dynamic imports are the apps themselves.
      // Neither it nor an entry kept without its on-demand imports (the manager app's shell) is
      // followed later, when an app's chunk imports a helper that the bundler placed there.
      const seal = (chunk: Rollup.OutputChunk, followDynamic: boolean) => {
        visit(chunk, followDynamic);
        deep.add(chunk.fileName);
      };
      seal(main, false);
      for (const entry of options.entries) {
        const chunk = chunks.find((c) => c.facadeModuleId?.replaceAll('\\', '/').endsWith(entry.module));
        if (!chunk) return this.error(`${options.fileName}: no chunk for ${entry.module}`);
        seal(chunk, entry.onDemand);
      }

      const precache = [...[...files].sort().map((file) => `/${file}`), ...options.extra];
      const version = createHash('sha256').update(precache.join('\n')).digest('hex').slice(0, 16);
      const { code } = await transformWithOxc(await readFile(options.source, 'utf8'), options.source, { lang: 'ts' });
      const filled = code
        .replace(/^export\s*\{\s*\};?\s*$/m, '')
        .replace('__NAME__', JSON.stringify(options.name))
        .replace('__SCOPE__', JSON.stringify(options.scope))
        .replace('__PRECACHE__', JSON.stringify(precache))
        .replace('__VERSION__', JSON.stringify(version));
      const { code: minified } = await minify(options.fileName, filled);
      this.emitFile({ type: 'asset', fileName: options.fileName, source: minified });
    },
  };
}
