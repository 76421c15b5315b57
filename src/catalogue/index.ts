export * from './file-tree.ts';
export * from './place-findings.ts';
export * from './read-catalogue.ts';
export * from './role-path.ts';
export * from './yaml-source.ts';
