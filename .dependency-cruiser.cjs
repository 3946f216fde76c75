/**
 * The layers of src/, top to bottom (docs/architecture.md). A module may import its own layer and
 * the layers below it, never one above, and no import may close a circle. `npm run deps` checks it;
 * `npm test` runs it first.
 */
const LAYERS = [
  ['shell', '^src/(main\\.tsx|app/App\\.tsx)$'],
  ['views', '^src/views/'],
  ['app and queries', '^src/(app|queries)/'],
  ['metrics, charts, report, export, store', '^src/(metrics|charts|report|export|store)/'],
  ['db', '^src/db/'],
  ['import', '^src/import/'],
  ['util, ui, i18n', '^src/(util|ui|i18n)/'],
];

const upward = LAYERS.flatMap(([name, path], i) =>
  LAYERS.slice(0, i).map(([above, abovePath]) => ({
    name: `no-upward: ${name} → ${above}`,
    comment: `${name} must not import ${above}: it lies above it`,
    severity: 'error',
    from: { path, pathNot: LAYERS.slice(0, i).map(([, p]) => p) },
    to: { path: abovePath },
  })),
);

module.exports = {
  forbidden: [...upward, { name: 'no-circular', severity: 'error', comment: 'a circle of imports', from: {}, to: { circular: true } }],
  options: {
    doNotFollow: { path: 'node_modules' },
    includeOnly: '^src/',
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: { extensions: ['.ts', '.tsx', '.js'] },
  },
};
