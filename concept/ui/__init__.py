"""Shared Streamlit helpers: session state, bound widgets, the step frame and the sidebar."""
