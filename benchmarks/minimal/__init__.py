"""Minimal Streamlit apps: the same widgets as the app, with no app code around them, run as
the browser benchmarks' twins (`python -m benchmarks --only browser`)."""
