"""Display: what the pages show, built from the store (the only part of lib that imports streamlit)."""
