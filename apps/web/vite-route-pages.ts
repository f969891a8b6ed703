import type { Plugin, Rollup } from 'vite';

type OutputBundle = Rollup.OutputBundle;
type OutputChunk = Rollup.OutputChunk;

/**
 * The first path segment of each signed-in page and the module app.tsx loads lazily for it ('' is the
 * dashboard at /). app.tsx owns the routing; this only says which chunk a first visit to a path will ask
 * for, and bundle-size.test.ts checks every page chunk is named here.
 */
export const ROUTE_PAGES: Record<string, string> = {
  '': 'features/dashboard/dashboard-page.tsx',
  transactions: 'features/transactions/transactions-page.tsx',
  budgets: 'features/budgets/budgets-page.tsx',
  recurring: 'features/recurring/recurring-page.tsx',
  categories: 'features/categories/categories-page.tsx',
  accounts: 'features/accounts/accounts-page.tsx',
  import: 'features/imports/import-page.tsx',
  rules: 'features/rules/rules-page.tsx',
  settings: 'features/settings/settings-page.tsx',
};

/**
 * Writes routes/<segment>.html beside index.html for every page in ROUTE_PAGES: index.html plus preload
 * links for that page's chunk, its imports and its stylesheets. The server sends it for a first visit to
 * the page, so the browser fetches the page's code together with the app's instead of one round trip
 * after it, which a phone on a slow network feels as the page appearing sooner.
 */
export function routePages(): Plugin {
  return {
    name: 'finsight-route-pages',
    apply: 'build',
    enforce: 'post',
    generateBundle: {
      order: 'post',
      handler(_options, bundle) {
        const index = bundle['index.html'];
        if (index?.type !== 'asset') this.error('index.html is not in the bundle');
        const html = String(index.source);
        const chunks = Object.values(bundle).filter((file): file is OutputChunk => file.type === 'chunk');
        for (const [segment, module] of Object.entries(ROUTE_PAGES)) {
          const page = chunks.find(
            (chunk) => chunk.isDynamicEntry && chunk.facadeModuleId?.endsWith(`/src/${module}`),
          );
          if (!page) this.error(`no lazy chunk for ${module}`);
          const { scripts, styles } = dependenciesOf(page, bundle);
          const links = [
            ...scripts
              .filter((file) => !html.includes(`/${file}"`))
              .map((file) => `<link rel="modulepreload" crossorigin href="/${file}">`),
            ...styles
              .filter((file) => !html.includes(`/${file}"`))
              .map((file) => `<link rel="stylesheet" crossorigin href="/${file}">`),
          ];
          this.emitFile({
            type: 'asset',
            fileName: `routes/${segment || 'dashboard'}.html`,
            source: html.replace('</head>', `  ${links.join('\n    ')}\n  </head>`),
          });
        }
      },
    },
  };
}

/** The chunk, every chunk it imports statically (transitively), and their stylesheets, in load order. */
function dependenciesOf(entry: OutputChunk, bundle: OutputBundle): { scripts: string[]; styles: string[] } {
  const scripts: string[] = [];
  const styles: string[] = [];
  const visit = (fileName: string) => {
    if (scripts.includes(fileName)) return;
    const chunk = bundle[fileName];
    if (chunk?.type !== 'chunk') return;
    scripts.push(fileName);
    for (const css of (chunk as OutputChunk & { viteMetadata?: { importedCss: Set<string> } }).viteMetadata
      ?.importedCss ?? []) {
      if (!styles.includes(css)) styles.push(css);
    }
    for (const imported of chunk.imports) visit(imported);
  };
  visit(entry.fileName);
  return { scripts, styles };
}
