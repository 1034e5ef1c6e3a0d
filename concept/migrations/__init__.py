"""The PostgreSQL store's schema, as numbered SQL files applied in order (see concept/pgstore.py).

A file is never edited once released: a change is a new file with the next number."""
