#!/usr/bin/env node
// The installed `livedata-mock` command. A committed file, so that the bin exists when a
// package manager links it at install time, before `dist/` has been built.
import '../dist/cli.js';
