"""The headless core: lessons, notes, clock, kernel. Nothing here imports Textual."""
