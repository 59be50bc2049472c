import { defineConfig } from 'drizzle-kit';

/** Migrations are generated from every module's schema.ts; the app applies them on start. */
export default defineConfig({
  dialect: 'postgresql',
  schema: ['./src/platform/**/*.schema.ts', './src/modules/*/schema.ts', './src/modules/*/*.schema.ts'],
  out: './drizzle',
  casing: 'snake_case',
});
