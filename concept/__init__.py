"""Konseptikone's core: the concept model, steps, checks, documents, exports, store and AI."""
