// `cem analyze` reads this. The analyzer sees the source files, but a package user gets the
// bundles in dist/: the element's module is rewritten to the shipped ES module that defines it,
// and modules of internal helpers (bundled into it, not importable) are left out.
// `pnpm --filter @textbook-assistant/widget check:manifest` keeps it equal to the styles and templates.
const SHIPPED = {
  'src/index.ts': 'dist/textbook-assistant.js',
  'src/textbook-assistant.ts': 'dist/textbook-assistant.js',
};

/** @returns {import('@custom-elements-manifest/analyzer').Plugin} */
function shippedPaths() {
  return {
    name: 'shipped-paths',
    packageLinkPhase({ customElementsManifest }) {
      const element = customElementsManifest.modules.find((m) => m.path === 'src/textbook-assistant.ts');
      if (!element) throw new Error('custom-elements manifest: src/textbook-assistant.ts was not analyzed');
      const toShipped = (ref) =>
        ref?.module && SHIPPED[ref.module] ? { ...ref, module: SHIPPED[ref.module] } : ref;
      element.path = SHIPPED[element.path];
      for (const declaration of element.declarations ?? []) {
        if (declaration.superclass) declaration.superclass = toShipped(declaration.superclass);
        // Controllers, queried nodes and handlers are implementation, not API.
        if (declaration.members)
          declaration.members = declaration.members.filter((m) => m.privacy !== 'private');
      }
      for (const e of element.exports ?? []) e.declaration = toShipped(e.declaration);
      customElementsManifest.modules = [element];
    },
  };
}

export default {
  globs: ['src/textbook-assistant.ts'],
  litelement: true,
  plugins: [shippedPaths()],
};
