"""Twin of the app's edits: a text area saved on change, a table with rows added and a table of
ticks, each showing the same saved line as the app after a change."""

import pandas as pd
import streamlit as st

if "saved" not in st.session_state:
    st.session_state.saved = 0
    st.session_state.row_data = pd.DataFrame({"name": ["Eka", "Toka"], "note": ["", ""]})
    st.session_state.tick_data = pd.DataFrame({"name": [f"Kohta {n}" for n in range(1, 13)],
                                           **{f"s{k}": [False] * 12 for k in range(1, 6)}})


def saved() -> None:
    st.session_state.saved += 1


st.title("Widgets")
st.caption(f"All changes saved (version {st.session_state.saved}).")
st.text_area("How is the value produced?", key="how", on_change=saved)
st.data_editor(st.session_state.row_data, key="rows", num_rows="dynamic", hide_index=True,
               on_change=saved, width="stretch")
st.data_editor(st.session_state.tick_data, key="ticks", hide_index=True, on_change=saved,
               disabled=["name"], width="stretch",
               column_config={f"s{k}": st.column_config.CheckboxColumn(f"{k}.")
                              for k in range(1, 6)})
