"""Exports: the glossary as files other tools read (SKOS, TBX, CSV, a study deck), listed under `exports:`."""
