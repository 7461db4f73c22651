// TypeScript with moduleResolution bundler (what Vite, Next.js and esbuild projects use).
import { typeScriptChecks } from '../ts-checks.mjs';

typeScriptChecks('ts-bundler', { projects: { 'bundler: every README sample and the app': '.' } });
